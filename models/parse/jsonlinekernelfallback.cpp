// The baseline x86-64 (or any other CPU's) build of the JSON line reader.
#define VIGIL_JSON_KERNEL fallbackkernel
#define VIGIL_JSON_KERNEL_NAME "fallback"
#define VIGIL_JSON_KERNEL_FACTORY makeFallbackJsonKernel
#include "jsonlinekernelbody.h"
