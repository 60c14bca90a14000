#pragma once
// Folds request paths that carry ids into one endpoint template, so the endpoint table,
// the per-endpoint metrics and the `endpoint=` filter stay bounded and readable:
// "GET /v1/users/8123/orders?page=2" counts as "GET /v1/users/{id}/orders". A segment is an
// id when it is a number, a UUID, a long hex string or a long token mixing letters and
// digits ("req_9f3a2b7c1d", "a1b2c3d4e5f6"); words ("completions", "v1", "health") stay.
// The entry itself keeps the path as written.

#include <string>
#include <string_view>

namespace vigil {

// Whether one path segment (no slashes) is a variable part.
bool isIdSegment(std::string_view segment);

// Writes the template of `path` to `out` (the query string and fragment dropped) and
// returns it.
std::string_view endpointTemplate(std::string_view path, std::string& out);

} // namespace vigil
