#include "urlpath.h"

namespace vigil {

std::string_view pathOfUrl(std::string_view url) {
    const std::size_t scheme = url.find("://");
    if (scheme != std::string_view::npos) {
        const std::size_t slash = url.find('/', scheme + 3);
        url = slash == std::string_view::npos ? std::string_view("/") : url.substr(slash);
    }
    // A plain loop: find_first_of calls memchr once per character of the URL.
    for (std::size_t i = 0; i < url.size(); ++i)
        if (url[i] == '?' || url[i] == '#') return url.substr(0, i);
    return url;
}

} // namespace vigil
