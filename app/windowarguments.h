#pragma once
// The window's own arguments, declared once for `vigil` (which checks them before starting
// the window, so a bad one is reported without a display) and `vigil-gui` (which uses them).

#include "commandline.h"
#include "sourceoptions.h"

namespace vigil {

struct WindowArguments {
    bool demo = false;
    bool version = false;
    QStringList roots;     // folders or log files; none: reopen the last deployment
    QString since;         // only files that can hold entries of this last duration are read
    SourceOptions sources; // --selector and the like, for loki:// roots
};

// What is wrong with arguments that parsed (a --since that is no duration); empty when none.
QString windowArgumentsError(const WindowArguments& arguments);

CommandLine windowCommandLine(WindowArguments* out);

} // namespace vigil
