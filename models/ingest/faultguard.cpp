#include "faultguard.h"

#include <atomic>
#include <csetjmp>
#include <csignal>
#include <mutex>

namespace vigil {

namespace {

struct Guard {
    sigjmp_buf jump;
    const char* from;
    const char* to;
};

// Plain pointers only: read in the signal handler, so no constructor may run on first use.
thread_local Guard* t_guard = nullptr;
struct sigaction g_previous {};
std::atomic<std::size_t> g_faults{0};

void onBusError(int signal, siginfo_t* info, void* context) {
    Guard* guard = t_guard;
    const char* at = static_cast<const char*>(info->si_addr);
    if (guard && at >= guard->from && at < guard->to) {
        t_guard = nullptr;
        g_faults.fetch_add(1, std::memory_order_relaxed);
        siglongjmp(guard->jump, 1);
    }
    // Not ours: whoever handled SIGBUS before, or the default (the fault repeats and kills).
    if (g_previous.sa_flags & SA_SIGINFO) {
        if (g_previous.sa_sigaction) {
            g_previous.sa_sigaction(signal, info, context);
            return;
        }
    } else if (g_previous.sa_handler != SIG_DFL && g_previous.sa_handler != SIG_IGN) {
        g_previous.sa_handler(signal);
        return;
    }
    struct sigaction fallback {};
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(SIGBUS, &fallback, nullptr);
}

void install() {
    struct sigaction action {};
    action.sa_sigaction = onBusError;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    sigaction(SIGBUS, &action, &g_previous);
}

} // namespace

bool guardedRead(const char* from, std::size_t size, void (*work)(void*), void* context) {
    static std::once_flag installed;
    std::call_once(installed, install);
    Guard guard;
    guard.from = from;
    guard.to = from + size;
    Guard* const outer = t_guard;
    // Saves the signal mask: the jump leaves the handler, where SIGBUS is blocked.
    if (sigsetjmp(guard.jump, 1) != 0) {
        t_guard = outer;
        return false;
    }
    t_guard = &guard;
    work(context);
    t_guard = outer;
    return true;
}

std::size_t guardedReadFaults() {
    return g_faults.load(std::memory_order_relaxed);
}

} // namespace vigil
