import CCurl

/// A libcurl easy option paired with the Swift type of its value, so no option is set with the wrong C type.
///
/// The phantom `Value` selects the `scimcurl_setopt_*` shim that ``EasyHandle/set(_:_:)`` calls.
struct CurlOption<Value>: Sendable {
    /// The C option.
    let raw: CURLoption
    /// The option's name, for error messages.
    let name: String

    init(_ raw: CURLoption, _ name: String) {
        self.raw = raw
        self.name = name
    }
}

extension CurlOption where Value == Int {
    static let verbose = CurlOption(CURLOPT_VERBOSE, "CURLOPT_VERBOSE")
    static let noSignal = CurlOption(CURLOPT_NOSIGNAL, "CURLOPT_NOSIGNAL")
    static let noProgress = CurlOption(CURLOPT_NOPROGRESS, "CURLOPT_NOPROGRESS")
    static let noBody = CurlOption(CURLOPT_NOBODY, "CURLOPT_NOBODY")
    static let httpGet = CurlOption(CURLOPT_HTTPGET, "CURLOPT_HTTPGET")
    static let followLocation = CurlOption(CURLOPT_FOLLOWLOCATION, "CURLOPT_FOLLOWLOCATION")
    static let pathAsIs = CurlOption(CURLOPT_PATH_AS_IS, "CURLOPT_PATH_AS_IS")
    static let httpVersion = CurlOption(CURLOPT_HTTP_VERSION, "CURLOPT_HTTP_VERSION")
    static let connectTimeoutMilliseconds = CurlOption(CURLOPT_CONNECTTIMEOUT_MS, "CURLOPT_CONNECTTIMEOUT_MS")
    static let timeoutMilliseconds = CurlOption(CURLOPT_TIMEOUT_MS, "CURLOPT_TIMEOUT_MS")
    static let sslVerifyPeer = CurlOption(CURLOPT_SSL_VERIFYPEER, "CURLOPT_SSL_VERIFYPEER")
    static let sslVerifyHost = CurlOption(CURLOPT_SSL_VERIFYHOST, "CURLOPT_SSL_VERIFYHOST")
}

extension CurlOption where Value == Int64 {
    static let postFieldSizeLarge = CurlOption(CURLOPT_POSTFIELDSIZE_LARGE, "CURLOPT_POSTFIELDSIZE_LARGE")
    static let maxFileSizeLarge = CurlOption(CURLOPT_MAXFILESIZE_LARGE, "CURLOPT_MAXFILESIZE_LARGE")
}

extension CurlOption where Value == String? {
    static let url = CurlOption(CURLOPT_URL, "CURLOPT_URL")
    static let customRequest = CurlOption(CURLOPT_CUSTOMREQUEST, "CURLOPT_CUSTOMREQUEST")
    static let proxy = CurlOption(CURLOPT_PROXY, "CURLOPT_PROXY")
    static let noProxy = CurlOption(CURLOPT_NOPROXY, "CURLOPT_NOPROXY")
    static let caInfo = CurlOption(CURLOPT_CAINFO, "CURLOPT_CAINFO")
    static let caPath = CurlOption(CURLOPT_CAPATH, "CURLOPT_CAPATH")
    static let acceptEncoding = CurlOption(CURLOPT_ACCEPT_ENCODING, "CURLOPT_ACCEPT_ENCODING")
}

extension CurlOption where Value == UnsafeMutableRawPointer? {
    static let writeData = CurlOption(CURLOPT_WRITEDATA, "CURLOPT_WRITEDATA")
    static let headerData = CurlOption(CURLOPT_HEADERDATA, "CURLOPT_HEADERDATA")
    static let debugData = CurlOption(CURLOPT_DEBUGDATA, "CURLOPT_DEBUGDATA")
    static let transferInfoData = CurlOption(CURLOPT_XFERINFODATA, "CURLOPT_XFERINFODATA")
    static let errorBuffer = CurlOption(CURLOPT_ERRORBUFFER, "CURLOPT_ERRORBUFFER")
}

extension CurlOption where Value == UnsafeMutablePointer<curl_slist>? {
    static let httpHeader = CurlOption(CURLOPT_HTTPHEADER, "CURLOPT_HTTPHEADER")
}

extension CurlOption where Value == curl_write_callback {
    static let writeFunction = CurlOption(CURLOPT_WRITEFUNCTION, "CURLOPT_WRITEFUNCTION")
    static let headerFunction = CurlOption(CURLOPT_HEADERFUNCTION, "CURLOPT_HEADERFUNCTION")
}

/// A libcurl `CURLINFO_*` value paired with the Swift type it reads as.
struct CurlInfo<Value>: Sendable {
    /// The C info identifier.
    let raw: CURLINFO

    init(_ raw: CURLINFO) { self.raw = raw }
}

extension CurlInfo where Value == Int {
    static let responseCode = CurlInfo(CURLINFO_RESPONSE_CODE)
    static let httpVersion = CurlInfo(CURLINFO_HTTP_VERSION)
    static let primaryPort = CurlInfo(CURLINFO_PRIMARY_PORT)
    static let numberOfConnects = CurlInfo(CURLINFO_NUM_CONNECTS)
}

extension CurlInfo where Value == Int64 {
    static let nameLookupTime = CurlInfo(CURLINFO_NAMELOOKUP_TIME_T)
    static let connectTime = CurlInfo(CURLINFO_CONNECT_TIME_T)
    static let appConnectTime = CurlInfo(CURLINFO_APPCONNECT_TIME_T)
    static let startTransferTime = CurlInfo(CURLINFO_STARTTRANSFER_TIME_T)
    static let totalTime = CurlInfo(CURLINFO_TOTAL_TIME_T)
}

extension CurlInfo where Value == String? {
    static let primaryIP = CurlInfo(CURLINFO_PRIMARY_IP)
}
