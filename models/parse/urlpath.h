#pragma once
// The path of a request URL as the endpoint column keeps it: "https://api.example.com/v1/x?page=2"
// gives "/v1/x". Defined in a baseline object of its own: the JSON kernels, compiled for
// other instruction sets, call it rather than inline a copy.

#include <string_view>

namespace vigil {

std::string_view pathOfUrl(std::string_view url);

// The path without its query string or fragment: "/v1/x?page=2#top" gives "/v1/x".
std::string_view withoutQuery(std::string_view path);

} // namespace vigil
