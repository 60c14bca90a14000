#include "jsondialects.h"

namespace vigil {

FormatId classifyJsonDialect(JsonKeys keys) {
    // Order matters: structlog lines may carry HTTP keys, tracing lines carry spans.
    static const TracingJsonDialect tracing;
    static const StructlogJsonDialect structlog;
    static const ProductionJsonDialect production;
    static const UserContextJsonDialect userContext;
    static const FlaskJsonDialect flask;
    static const JsonDialect* const dialects[] = {&tracing, &structlog, &production, &userContext, &flask};
    for (const JsonDialect* dialect : dialects)
        if (dialect->matches(keys)) return dialect->id();
    return FormatId::GenericJson;
}

} // namespace vigil
