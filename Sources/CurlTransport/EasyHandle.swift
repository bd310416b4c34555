import CCurl
import SCIMCheckHTTP

/// One libcurl easy handle, owned by exactly one thread at a time.
///
/// Non-copyable, so exactly one owner calls `curl_easy_cleanup`, and deliberately not `Sendable`: a handle
/// must never be used from two threads at once (libcurl-thread(3)). Between transfers it rests in the
/// ``HandlePool`` as a ``ParkedHandle``; the worker that takes it out is its only user until it parks it again.
struct EasyHandle: ~Copyable {
    /// The `CURL *`.
    let raw: UnsafeMutableRawPointer

    /// Creates a fresh handle, or returns `nil` when libcurl cannot allocate one.
    init?() {
        guard let raw = curl_easy_init() else { return nil }
        self.raw = raw
    }

    /// Takes ownership of a handle that rested in the pool.
    init(unparking parked: ParkedHandle) {
        raw = parked.raw
    }

    deinit {
        curl_easy_cleanup(raw)
    }

    /// Gives up ownership without cleaning up, so the handle (and its connection cache) can rest in the pool.
    consuming func park() -> ParkedHandle {
        let raw = self.raw
        discard self
        return ParkedHandle(raw: raw)
    }

    /// Returns every option to its default; the connection and DNS caches survive.
    func reset() {
        curl_easy_reset(raw)
    }

    /// Runs the configured transfer to completion on the calling thread.
    func perform() -> CURLcode {
        curl_easy_perform(raw)
    }

    // MARK: Options

    /// Sets a `long` option.
    func set(_ option: CurlOption<Int>, _ value: Int) throws(TransportError) {
        try Self.check(scimcurl_setopt_long(raw, option.raw, value), option.name)
    }

    /// Sets a `curl_off_t` option.
    func set(_ option: CurlOption<Int64>, _ value: Int64) throws(TransportError) {
        try Self.check(scimcurl_setopt_off_t(raw, option.raw, curl_off_t(value)), option.name)
    }

    /// Sets a string option (libcurl copies it); `nil` restores the option's "unset" meaning.
    func set(_ option: CurlOption<String?>, _ value: String?) throws(TransportError) {
        let code: CURLcode
        if let value {
            code = value.withCString { scimcurl_setopt_string(raw, option.raw, $0) }
        } else {
            code = scimcurl_setopt_string(raw, option.raw, nil)
        }
        try Self.check(code, option.name)
    }

    /// Sets a pointer option; the pointee must outlive the transfer.
    func set(_ option: CurlOption<UnsafeMutableRawPointer?>, _ value: UnsafeMutableRawPointer?) throws(TransportError) {
        try Self.check(scimcurl_setopt_pointer(raw, option.raw, value), option.name)
    }

    /// Sets a header-list option; the list must outlive the transfer.
    func set(
        _ option: CurlOption<UnsafeMutablePointer<curl_slist>?>, _ value: UnsafeMutablePointer<curl_slist>?
    ) throws(TransportError) {
        try Self.check(scimcurl_setopt_slist(raw, option.raw, value), option.name)
    }

    /// Sets a write-style callback (`CURLOPT_WRITEFUNCTION`, `CURLOPT_HEADERFUNCTION`).
    func set(_ option: CurlOption<curl_write_callback>, _ callback: curl_write_callback) throws(TransportError) {
        try Self.check(scimcurl_setopt_write_callback(raw, option.raw, callback), option.name)
    }

    /// Sets `CURLOPT_DEBUGFUNCTION`.
    func setDebugFunction(_ callback: curl_debug_callback) throws(TransportError) {
        try Self.check(scimcurl_setopt_debug_callback(raw, callback), "CURLOPT_DEBUGFUNCTION")
    }

    /// Sets `CURLOPT_XFERINFOFUNCTION`.
    func setTransferInfoFunction(_ callback: curl_xferinfo_callback) throws(TransportError) {
        try Self.check(scimcurl_setopt_xferinfo_callback(raw, callback), "CURLOPT_XFERINFOFUNCTION")
    }

    /// Sets the body with `CURLOPT_POSTFIELDSIZE_LARGE` then `CURLOPT_COPYPOSTFIELDS`, so libcurl owns a copy.
    ///
    /// This also switches the handle to POST semantics; `CURLOPT_CUSTOMREQUEST` renames the method.
    func setBody(_ bytes: [UInt8]) throws(TransportError) {
        try set(.postFieldSizeLarge, Int64(bytes.count))
        let code = bytes.withUnsafeBytes { buffer in
            // COPYPOSTFIELDS needs a non-null pointer even for an empty body.
            if let base = buffer.baseAddress, !buffer.isEmpty {
                return scimcurl_setopt_pointer(raw, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: base))
            }
            return scimcurl_setopt_string(raw, CURLOPT_COPYPOSTFIELDS, "")
        }
        try Self.check(code, "CURLOPT_COPYPOSTFIELDS")
    }

    private static func check(_ code: CURLcode, _ name: String) throws(TransportError) {
        guard code == CURLE_OK else {
            let reason = String(cString: curl_easy_strerror(code))
            throw TransportError(
                .other,
                "libcurl refused \(name): \(reason) (curl error \(code.rawValue)); "
                    + "the installed libcurl (\(CurlTransport.libcurlVersion)) may be too old or built without it")
        }
    }

    // MARK: Information

    /// Reads a `long` value, or `nil` when libcurl has none.
    func get(_ info: CurlInfo<Int>) -> Int? {
        var value = 0
        return scimcurl_getinfo_long(raw, info.raw, &value) == CURLE_OK ? value : nil
    }

    /// Reads a `curl_off_t` value, or `nil` when libcurl has none.
    func get(_ info: CurlInfo<Int64>) -> Int64? {
        var value: curl_off_t = 0
        return scimcurl_getinfo_off_t(raw, info.raw, &value) == CURLE_OK ? Int64(value) : nil
    }

    /// Reads a string value (copied out of libcurl's memory), or `nil` when libcurl has none.
    func get(_ info: CurlInfo<String?>) -> String? {
        var value: UnsafeMutablePointer<CChar>? = nil
        guard scimcurl_getinfo_string(raw, info.raw, &value) == CURLE_OK, let value else { return nil }
        return String(cString: value)
    }
}

@available(*, unavailable)
extension EasyHandle: Sendable {}

/// An easy handle at rest in the ``HandlePool``, used by no thread.
///
/// `@unchecked Sendable` because a parked handle is inert: it only moves into and out of the pool's lock,
/// and whoever unparks it becomes its sole user (libcurl allows moving a handle between threads).
struct ParkedHandle: @unchecked Sendable {
    /// The `CURL *`.
    let raw: UnsafeMutableRawPointer
}
