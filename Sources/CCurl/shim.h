/*
 * CCurl shim: typed, non-variadic wrappers around libcurl's variadic calls.
 *
 * Swift cannot import C variadic functions, and curl.h also wraps curl_easy_setopt and
 * curl_easy_getinfo in type-checking macros. There is one wrapper per argument *kind*, not per
 * option; CurlTransport's typed Swift layer (CurlOption, CurlInfo) pairs each option with its kind.
 */
#ifndef SCIMCHECK_CCURL_SHIM_H
#define SCIMCHECK_CCURL_SHIM_H

#include <curl/curl.h>

/* Options taking a `long` (flags, timeouts, enums). */
static inline CURLcode scimcurl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

/* Options taking a `curl_off_t` (the *_LARGE sizes). */
static inline CURLcode scimcurl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

/* Options taking a C string; libcurl copies it (except CURLOPT_POSTFIELDS, which this kit never uses). */
static inline CURLcode scimcurl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

/* Options taking an opaque pointer (the *DATA callback contexts, CURLOPT_ERRORBUFFER). */
static inline CURLcode scimcurl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

/* Options taking a header list; the list must outlive the transfer. */
static inline CURLcode scimcurl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

/* CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION. */
static inline CURLcode scimcurl_setopt_write_callback(CURL *handle, CURLoption option, curl_write_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}

/* CURLOPT_DEBUGFUNCTION. */
static inline CURLcode scimcurl_setopt_debug_callback(CURL *handle, curl_debug_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_DEBUGFUNCTION, callback);
}

/* CURLOPT_XFERINFOFUNCTION. */
static inline CURLcode scimcurl_setopt_xferinfo_callback(CURL *handle, curl_xferinfo_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback);
}

/* CURLINFO_* values of type `long`. */
static inline CURLcode scimcurl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

/* CURLINFO_* values of type `curl_off_t` (the *_T timings and sizes). */
static inline CURLcode scimcurl_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

/* CURLINFO_* values of type `char *` (owned by libcurl; copy before the next call on the handle). */
static inline CURLcode scimcurl_getinfo_string(CURL *handle, CURLINFO info, char **value) {
    return curl_easy_getinfo(handle, info, value);
}

#endif /* SCIMCHECK_CCURL_SHIM_H */
