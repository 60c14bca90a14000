#pragma once
// Finds the window executable (vigil-gui) beside this one, in the build tree, or in its
// installed place under libexec, and replaces this process with it.

namespace vigil {

// Does not return on success; prints why and returns 1 when vigil-gui cannot be started.
int execWindow(int argc, char** argv);

} // namespace vigil
