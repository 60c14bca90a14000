#pragma once
// One compiled copy of the JSON line reader: simdjson's on-demand API runs on the kernel
// its translation unit was compiled for, so the reader exists once per kernel (baseline,
// AVX2, AVX-512) and the best one the CPU can run is chosen at run time.

#include "jsonkeys.h"
#include "parsedline.h"

#include <memory>
#include <string_view>

namespace vigil {

class JsonLineKernel {
  public:
    virtual ~JsonLineKernel() = default;
    // See JsonLineReader::read.
    virtual bool read(std::string_view json, std::size_t readable, ParsedLine& out) = 0;
    virtual const char* name() const = 0;
    JsonKeys keys() const { return m_keys; }

  protected:
    JsonKeys m_keys = 0;
};

// Each returns null when that kernel is not built in or the CPU cannot run it.
std::unique_ptr<JsonLineKernel> makeFallbackJsonKernel();
std::unique_ptr<JsonLineKernel> makeHaswellJsonKernel();
std::unique_ptr<JsonLineKernel> makeIcelakeJsonKernel();

// The kernel simdjson itself picked for this CPU (SIMDJSON_FORCE_IMPLEMENTATION overrides it).
std::unique_ptr<JsonLineKernel> makeBestJsonKernel();

} // namespace vigil
