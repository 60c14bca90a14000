#pragma once
// `vigil check ROOT... [--rules FILE] [--json]`: evaluates the alert rules over the
// entries of a scan on their own timestamps and prints the alerts that would have fired.
// Exit 1 when any critical alert fired, 0 otherwise, 2 on bad input.

#include <QStringList>

namespace vigil {

int runCheckCommand(const QStringList& arguments);

} // namespace vigil
