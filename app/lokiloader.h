#pragma once
// The command-line program reads loki:// roots through the Loki reader built as a module
// (vigil-loki.so), loaded the first time such a root is read. Linked in, Qt Network and Qt
// WebSockets (with Kerberos, libproxy and Brotli behind them) were loaded by every command:
// 7 ms more CPU at each start, a twentieth of `vigil scan` over 200 MB on a laptop's two
// cores, for a source most runs never name.

#include "models/ingest/entryproducer.h"

namespace vigil {

// Reads loki:// roots, with credentials from VIGIL_LOKI_TOKEN or VIGIL_LOKI_USER/PASSWORD.
// When the module cannot be loaded each such root gets an error saying why.
ProducerFactory remoteSourceFactory();

} // namespace vigil
