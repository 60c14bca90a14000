#include "lokimodule.h"

#include "models/sources/loki/lokiproducer.h"

extern "C" __attribute__((visibility("default"))) void vigilLokiProducerFactory(vigil::ProducerFactory* out) {
    *out = vigil::lokiProducerFactory();
}
