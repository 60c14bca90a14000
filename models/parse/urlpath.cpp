#include "urlpath.h"

namespace vigil {

std::string_view pathOfUrl(std::string_view url) {
    const std::size_t scheme = url.find("://");
    if (scheme != std::string_view::npos) {
        const std::size_t slash = url.find('/', scheme + 3);
        url = slash == std::string_view::npos ? std::string_view("/") : url.substr(slash);
    }
    const std::size_t query = url.find_first_of("?#");
    return query == std::string_view::npos ? url : url.substr(0, query);
}

} // namespace vigil
