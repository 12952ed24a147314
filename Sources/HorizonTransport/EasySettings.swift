internal import CCurlShim

/// Sets options on one libcurl easy handle through the shim's typed wrappers, checking every
/// return code: the first option libcurl refuses is kept, and the transfer is then not started.
struct EasySettings {
    let handle: UnsafeMutableRawPointer
    /// The first option libcurl refused, in one line.
    private(set) var failure: String?

    init(_ handle: UnsafeMutableRawPointer) { self.handle = handle }

    mutating func set(_ option: CURLoption, _ value: Int) {
        check(horizon_curl_easy_setopt_long(handle, option, value), option)
    }

    mutating func set(_ option: CURLoption, _ value: String) {
        check(horizon_curl_easy_setopt_string(handle, option, value), option)  // libcurl copies the string
    }

    mutating func set(_ option: CURLoption, offset value: Int) {
        check(horizon_curl_easy_setopt_off_t(handle, option, curl_off_t(value)), option)
    }

    mutating func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer?) {
        check(horizon_curl_easy_setopt_pointer(handle, option, value), option)
    }

    mutating func set(_ option: CURLoption, list value: UnsafeMutablePointer<curl_slist>?) {
        check(horizon_curl_easy_setopt_slist(handle, option, value), option)
    }

    mutating func set(_ option: CURLoption, callback value: horizon_curl_data_callback) {
        check(horizon_curl_easy_setopt_data_callback(handle, option, value), option)
    }

    /// Records a failure of a step around the options (a header list that could not grow).
    mutating func refuse(_ message: String) {
        if failure == nil { failure = message }
    }

    private mutating func check(_ code: CURLcode, _ option: CURLoption) {
        guard code != CURLE_OK, failure == nil else { return }
        failure = "libcurl refused option \(option.rawValue): \(String(cString: curl_easy_strerror(code)))"
    }

    /// The response code of the last response, or nil when libcurl cannot say.
    static func responseCode(_ handle: UnsafeMutableRawPointer) -> Int? {
        var status = 0
        return horizon_curl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status) == CURLE_OK ? status : nil
    }
}

/// libcurl's global set-up, done once per process; its failure is every transfer's.
enum CurlGlobal {
    static let failure: String? = {
        let code = curl_global_init(Int(CURL_GLOBAL_ALL))
        return code == CURLE_OK ? nil : "libcurl could not start: \(String(cString: curl_easy_strerror(code)))"
    }()
}
