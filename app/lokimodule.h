#pragma once
// The one entry point of the Loki reader module (lokimodule.cpp, built as vigil-loki.so):
// it hands out the factory of Loki producers. The module holds its own copy of the models,
// all hidden, so nothing else of it can clash with the program that loads it.

#include "models/ingest/entryproducer.h"

namespace vigil {

using LokiModuleEntry = void (*)(ProducerFactory* out);
inline constexpr const char* kLokiModuleEntry = "vigilLokiProducerFactory";

} // namespace vigil
