#ifndef HORIZON_CCURL_H
#define HORIZON_CCURL_H
#include <curl/curl.h>
#endif
