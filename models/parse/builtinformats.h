#pragma once
// The formats built in, each defined in its own file of parse/. Only the registry
// includes this.

#include "formatdescriptor.h"

namespace vigil {

FormatDescriptor rawFormat();
FormatDescriptor pythonTextFormat();
FormatDescriptor pythonEventFormat();
FormatDescriptor tracingJsonFormat();
FormatDescriptor structlogJsonFormat();
FormatDescriptor productionJsonFormat();
FormatDescriptor userContextJsonFormat();
FormatDescriptor flaskJsonFormat();
FormatDescriptor colorConsoleFormat();
FormatDescriptor genericTextFormat();
FormatDescriptor genericJsonFormat();
FormatDescriptor logfmtFormat();

} // namespace vigil
