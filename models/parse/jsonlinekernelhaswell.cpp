// The AVX2 build of the JSON line reader; this file alone is compiled with -mavx2 and
// friends (models/CMakeLists.txt), and only runs once the CPU said it has them.
#include "jsonlinekernel.h"

#if defined(__x86_64__) && defined(__AVX2__)
#define VIGIL_JSON_KERNEL haswellkernel
#define VIGIL_JSON_KERNEL_NAME "haswell"
#define VIGIL_JSON_KERNEL_FACTORY makeHaswellJsonKernelUnchecked
#include "jsonlinekernelbody.h"
#endif

namespace vigil {
std::unique_ptr<JsonLineKernel> makeHaswellJsonKernel() {
#if defined(__x86_64__) && defined(__AVX2__)
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi") && __builtin_cpu_supports("pclmul"))
        return makeHaswellJsonKernelUnchecked();
#endif
    return nullptr;
}
} // namespace vigil
