#pragma once
// What counts as an authentication failure (see alertrule.h): a 401 status, or an EVENT
// payload of event_type "authentication" that says it failed.

#include <cstdint>
#include <string_view>

namespace vigil {

bool isAuthFailureStatus(std::uint16_t status);
// The text of an EVENT entry: true for an authentication event that failed.
bool isAuthFailureEventText(std::string_view text);

} // namespace vigil
