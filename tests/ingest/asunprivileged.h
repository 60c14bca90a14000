#pragma once
// Runs a check with no special privileges, so permission tests mean something even when
// the suite runs as root (as CI does): as root it forks and drops to nobody in the child.

#include <functional>
#include <grp.h>
#include <sys/wait.h>
#include <unistd.h>

namespace vigil::testing {

// `check` returns 0 on success or a failure code. Returns that code, or -1 when the check
// could not be run unprivileged.
inline int runUnprivileged(const std::function<int()>& check) {
    if (geteuid() != 0) return check();
    const pid_t child = fork();
    if (child < 0) return -1;
    if (child == 0) {
        constexpr gid_t kNobodyGroup = 65534;
        constexpr uid_t kNobody = 65534;
        if (setgroups(0, nullptr) != 0 || setgid(kNobodyGroup) != 0 || setuid(kNobody) != 0) _exit(200);
        _exit(check());
    }
    int status = 0;
    if (waitpid(child, &status, 0) != child || !WIFEXITED(status)) return -1;
    return WEXITSTATUS(status) == 200 ? -1 : WEXITSTATUS(status);
}

} // namespace vigil::testing
