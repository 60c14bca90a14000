#pragma once
// Parses the field filter the user types: conditions separated by spaces, all required:
//   request_id=req_abc   status>=500   duration>5s   data.tools_enabled=true   logger~auth
// Operators: = != > >= < <= ~ (contains). Durations take s, ms, m, h or µs units. A value
// may be quoted ("two words"). Malformed input yields a short reason instead of a filter.

#include "filterspec.h"

#include <QString>

#include <optional>
#include <vector>

namespace vigil {

struct FieldExpression {
    std::vector<FieldCondition> conditions;
    QString error; // empty when the expression is valid
    bool ok() const { return error.isEmpty(); }
};

FieldExpression parseFieldExpression(const QString& text);

// A duration such as "5s", "850ms", "2m", "1.5h", "7d" or a bare number of seconds.
std::optional<double> parseDurationSeconds(const QString& text);

} // namespace vigil
