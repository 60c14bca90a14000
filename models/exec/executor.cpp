#include "executor.h"

#include "../memory/heaproom.h"

#include <sched.h>

#include <QThread>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <sys/resource.h>
#include <unistd.h>

namespace vigil {

struct Executor::Ticket::State {
    std::mutex mutex;
    std::condition_variable finished;
    bool done = false;
};

bool Executor::Ticket::done() const {
    if (!m_state) return true;
    std::lock_guard<std::mutex> lock(m_state->mutex);
    return m_state->done;
}

void Executor::Ticket::wait() const {
    if (!m_state) return;
    std::unique_lock<std::mutex> lock(m_state->mutex);
    m_state->finished.wait(lock, [this] { return m_state->done; });
}

// Shared by the urgent holds and the catch-up threads of one executor.
struct UrgencyGate {
    std::atomic<int> holds{0};
    std::mutex mutex;
    std::condition_variable released;
};

namespace {
// The gate of the executor whose background task runs on this thread, if any.
thread_local UrgencyGate* t_backgroundGate = nullptr;
} // namespace

Executor::UrgentHold::UrgentHold(Executor& executor) : m_gate(executor.m_gate.get()) {
    m_gate->holds.fetch_add(1, std::memory_order_relaxed);
}

Executor::UrgentHold::~UrgentHold() {
    if (!m_gate) return;
    if (m_gate->holds.fetch_sub(1, std::memory_order_release) != 1) return;
    std::lock_guard<std::mutex> lock(m_gate->mutex); // no waiter can miss the release
    m_gate->released.notify_all();
}

Executor::UrgentHold::UrgentHold(UrgentHold&& other) noexcept : m_gate(other.m_gate) {
    other.m_gate = nullptr;
}

Executor::UrgentHold& Executor::UrgentHold::operator=(UrgentHold&& other) noexcept {
    std::swap(m_gate, other.m_gate);
    return *this;
}

bool Executor::urgentWorkHeld() const {
    return m_gate->holds.load(std::memory_order_relaxed) > 0;
}

void yieldToUrgentWork() {
    UrgencyGate* gate = t_backgroundGate;
    if (!gate || gate->holds.load(std::memory_order_relaxed) == 0) return;
    std::unique_lock<std::mutex> lock(gate->mutex);
    gate->released.wait_for(lock, std::chrono::seconds(1),
                            [gate] { return gate->holds.load(std::memory_order_acquire) == 0; });
}

Executor::Executor(int threads) : m_gate(std::make_unique<UrgencyGate>()) {
    m_pool.setMaxThreadCount(threads > 0 ? threads : std::max(1, QThread::idealThreadCount()));
    // A scan's readers and a query can run at once: keep threads for the next job.
    m_pool.setExpiryTimeout(30000);
    m_tasks.setMaxThreadCount(kMaxTasks);
    m_tasks.setExpiryTimeout(30000);
    // Metrics and patterns side by side, and one more: their catch-up over a big history
    // takes many seconds, and short background work (readying files for search) would
    // otherwise wait behind it.
    m_background.setMaxThreadCount(m_pool.maxThreadCount() + 1);
    m_background.setExpiryTimeout(30000);
    m_reading.setMaxThreadCount(kMaxTasks); // as m_tasks: the readers of scans running at once
    m_idleTime.setMaxThreadCount(kMaxTasks);
    m_reading.setExpiryTimeout(30000);
    m_idleTime.setExpiryTimeout(30000);
}

Executor::~Executor() {
    m_tasks.waitForDone();
    m_background.waitForDone();
    m_reading.waitForDone();
    m_idleTime.waitForDone();
    m_pool.waitForDone();
}

int Executor::threadCount() const {
    return m_pool.maxThreadCount();
}

Executor::Ticket Executor::start(std::function<void()> task) {
    return startOn(m_tasks, std::move(task));
}

namespace {
// Once per thread: an unprivileged thread may lower its priority but not raise it again, so
// only the threads of a pool that does nothing else are lowered.
void lowerThisThreadsPriority(int by) {
    thread_local const bool lowered = [by] {
        const pid_t self = ::gettid();
        return setpriority(PRIO_PROCESS, self, std::min(19, getpriority(PRIO_PROCESS, self) + by)) == 0;
    }();
    (void)lowered;
}

// Once per thread, as lowerThisThreadsPriority. Where the kernel refuses, the thread keeps
// its class: the work is only less polite.
void moveThisThreadToIdleClass() {
    thread_local const bool moved = [] {
        sched_param none{};
        return sched_setscheduler(::gettid(), SCHED_IDLE, &none) == 0;
    }();
    (void)moved;
}

// Runs a catch-up task: its yieldToUrgentWork() calls wait on `gate` while urgent work is held.
void runAsCatchUp(UrgencyGate* gate, const std::function<void()>& task) {
    t_backgroundGate = gate;
    task();
    t_backgroundGate = nullptr;
}
} // namespace

Executor::Ticket Executor::startInBackground(std::function<void()> task) {
    return startOn(m_background, [task = std::move(task), gate = m_gate.get()] {
        lowerThisThreadsPriority(5);
        runAsCatchUp(gate, task);
    });
}

Executor::Ticket Executor::startInIdleTime(std::function<void()> task) {
    return startOn(m_idleTime, [task = std::move(task), gate = m_gate.get()] {
        moveThisThreadToIdleClass();
        runAsCatchUp(gate, task);
    });
}

Executor::Ticket Executor::startReading(std::function<void()> task) {
    return startOn(m_reading, [task = std::move(task)] {
        lowerThisThreadsPriority(2);
        task();
    });
}

Executor::Ticket Executor::startOn(QThreadPool& pool, std::function<void()> task) {
    Ticket ticket;
    ticket.m_state = std::make_shared<Ticket::State>();
    auto run = [task = std::move(task), state = ticket.m_state] {
        keepHeapRoom();
        task();
        std::lock_guard<std::mutex> lock(state->mutex);
        state->done = true;
        state->finished.notify_all();
    };
    pool.start(std::move(run));
    return ticket;
}

namespace {
// Shared by the threads of one forEach: parts are claimed by number; the caller waits only
// for parts that were claimed, so pool tasks that start late find nothing left and return.
struct FanOut {
    FanOut(int parts, const std::function<void(int)>& part) : parts(parts), part(part) {}
    const int parts;
    const std::function<void(int)>& part; // called only for claimed parts, while the caller waits
    std::atomic<int> next{0};
    std::mutex mutex;
    std::condition_variable allDone;
    int done = 0;

    void takeParts() {
        for (int k = next.fetch_add(1); k < parts; k = next.fetch_add(1)) {
            part(k);
            std::lock_guard<std::mutex> lock(mutex);
            if (++done == parts) allDone.notify_all();
        }
    }
};
} // namespace

void Executor::forEach(int parts, const std::function<void(int)>& part) {
    if (parts <= 0) return;
    if (parts == 1) {
        part(0);
        return;
    }
    auto shared = std::make_shared<FanOut>(parts, part);
    const int helpers = std::min(parts - 1, threadCount());
    for (int i = 0; i < helpers; ++i)
        m_pool.start([shared] { shared->takeParts(); });
    shared->takeParts();
    std::unique_lock<std::mutex> lock(shared->mutex);
    shared->allDone.wait(lock, [&] { return shared->done == parts; });
}

void forEachPart(Executor* executor, int parts, const std::function<void(int)>& part) {
    if (executor) {
        executor->forEach(parts, part);
        return;
    }
    for (int p = 0; p < parts; ++p)
        part(p);
}

} // namespace vigil
