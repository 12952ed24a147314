#ifndef HORIZON_CCURLSHIM_H
#define HORIZON_CCURLSHIM_H

#include <curl/curl.h>

/* libcurl's setopt/getinfo calls are variadic and cannot be called from Swift.
 * Each wrapper below fixes one argument type, so the compiler checks every call. */

typedef size_t (*horizon_curl_data_callback)(char *data, size_t size, size_t count, void *context);
typedef int (*horizon_curl_progress_callback)(void *context, curl_off_t dltotal, curl_off_t dlnow,
                                              curl_off_t ultotal, curl_off_t ulnow);

CURLcode horizon_curl_easy_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode horizon_curl_easy_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode horizon_curl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode horizon_curl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
CURLcode horizon_curl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode horizon_curl_easy_setopt_data_callback(CURL *handle, CURLoption option,
                                                horizon_curl_data_callback callback);
CURLcode horizon_curl_easy_setopt_progress_callback(CURL *handle, horizon_curl_progress_callback callback);

CURLcode horizon_curl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode horizon_curl_easy_getinfo_string(CURL *handle, CURLINFO info, char **value);
CURLcode horizon_curl_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value);
CURLcode horizon_curl_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value);

CURLMcode horizon_curl_multi_setopt_long(CURLM *multi, CURLMoption option, long value);

/* CURLMsg keeps its result in a union; read it here rather than in Swift. */
CURLcode horizon_curl_msg_result(const CURLMsg *message);

#endif
