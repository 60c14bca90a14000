#include "jsonlinekernel.h"

#include <simdjson.h>

namespace vigil {

std::unique_ptr<JsonLineKernel> makeBestJsonKernel() {
    // Follow simdjson's own choice, which its stage 1 uses too, so one environment
    // variable (SIMDJSON_FORCE_IMPLEMENTATION) switches both.
    const std::string_view active = simdjson::get_active_implementation()->name();
    std::unique_ptr<JsonLineKernel> kernel;
    if (active == "icelake") kernel = makeIcelakeJsonKernel();
    if (!kernel && (active == "icelake" || active == "haswell")) kernel = makeHaswellJsonKernel();
    if (!kernel) kernel = makeFallbackJsonKernel();
    return kernel;
}

} // namespace vigil
