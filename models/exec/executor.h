#pragma once
// The one way Vigil runs background work: a pool of worker threads, made by whoever owns a
// pipeline (the window's Workspace, a headless command) and handed to the parts that need
// it. Two shapes of work go through it:
// - start(): one task that posts its result back (a query over a snapshot, an export);
//   the returned Ticket lets a destructor wait for it without spinning.
// - forEach(): a fan-out over parts of one job (a filter over 25 M rows, files of a scan).
//   The calling thread takes parts too, so a fan-out started from a pool thread cannot
//   wait on pool threads that are all busy: it never deadlocks and never idles.
// The follow engine's long-lived thread (a file watcher needs an event loop) is the one
// thread not in the pool.

#include <QThreadPool>

#include <functional>
#include <memory>

namespace vigil {

struct UrgencyGate; // executor.cpp: the holds of one executor

class Executor {
  public:
    // threads 0: one per core.
    explicit Executor(int threads = 0);
    ~Executor(); // waits for started tasks
    Executor(const Executor&) = delete;
    Executor& operator=(const Executor&) = delete;

    int threadCount() const;

    // Completion of one started task.
    class Ticket {
      public:
        Ticket() = default;
        bool done() const;
        void wait() const; // returns at once for a default Ticket
      private:
        friend class Executor;
        struct State;
        std::shared_ptr<State> m_state;
    };
    Ticket start(std::function<void()> task);
    // As start(), for catch-up work nobody waits on but that must keep up (metrics and alert
    // facts once the scan is read, readying files for search; patterns and the history being
    // read go to startInIdleTime()): on a thread of lower scheduling priority (nice 5 more),
    // so that a query or search the user waits for gets the cores first (at 24 M entries, the
    // catch-up running beside them made them take twice as long).
    Ticket startInBackground(std::function<void()> task);
    // As start(), for reading files the window shows as they arrive: on a thread of lower
    // priority (nice 2 more), so that the window's thread gets a core the moment it has an
    // event. With two readers on a 2-core machine it otherwise waited for one: opening 1 GB,
    // its longest event took 48 ms of wall time for 20 ms of its own CPU.
    Ticket startReading(std::function<void()> task);
    // As startInBackground(), for work the window can wait for while it opens files: the
    // catch-up over the history a scan is reading, pattern runs. On a thread of the idle
    // scheduling class (SCHED_IDLE): any other thread that wakes takes its core at once, and
    // counts that core as free when the kernel places it. Nice alone was not enough: the
    // window's thread, and the threads of Qt's pool that its raster engine hands each paint's
    // fills to and waits for, queued for a core behind catch-up at nice 5 (1.1 s of CPU in
    // 1.5 s of opening 1 GB). Such a thread runs only when no other wants the core, so alert
    // evaluation while following stays out of it, to keep up on a machine whose cores are all
    // busy with other programs. So do a scan's readers: a second reader in this class got
    // 0.07 s of CPU in 1.5 s of opening 5 GB, behind the first reader, the ingest thread and
    // the table's time order, and one opening took 37 s instead of 10. Nor does readying
    // files for search: starved by the catch-up that goes on after a scan, it left the first
    // search at 5 GB 25,000-30,000 page faults to take (500-540 ms instead of 330). An
    // unprivileged thread cannot leave the class, so these threads have a pool of their own.
    Ticket startInIdleTime(std::function<void()> task);

    // Held while work the user waits for runs (a re-filter, a search): catch-up tasks pause at
    // their next yieldToUrgentWork() until the last hold is released. A lower priority alone
    // was not enough: at 24 M entries the catch-up still took a quarter of the cores from a
    // re-filter (65 ms of query CPU took 120-150 ms of wall time).
    class UrgentHold {
      public:
        UrgentHold() = default;
        explicit UrgentHold(Executor& executor);
        ~UrgentHold();
        UrgentHold(UrgentHold&& other) noexcept;
        UrgentHold& operator=(UrgentHold&& other) noexcept;
        UrgentHold(const UrgentHold&) = delete;
        UrgentHold& operator=(const UrgentHold&) = delete;

      private:
        UrgencyGate* m_gate = nullptr;
    };

    // Whether an UrgentHold is held now: catch-up work on the window's thread, which no
    // priority can lower, looks here and waits its turn (alertmonitor.cpp).
    bool urgentWorkHeld() const;

    // Runs part(0) … part(parts - 1) on pool threads and the calling thread; returns when
    // all have run. Parts should be of similar size: each is taken whole by one thread.
    void forEach(int parts, const std::function<void(int)>& part);

  private:
    // Started tasks never queue behind one another: a scan's readers hold their threads for
    // as long as the files take (seconds each on a big corpus), and a query the window
    // waits for must not wait behind them. They are few (a scan's readers, one query, one
    // pattern run, an export); the fan-outs' parts are what the core count bounds.
    static constexpr int kMaxTasks = 32;
    Ticket startOn(QThreadPool& pool, std::function<void()> task);

    std::unique_ptr<UrgencyGate> m_gate; // UrgentHold, yieldToUrgentWork()
    QThreadPool m_tasks;                 // start()
    QThreadPool m_background;            // startInBackground()
    QThreadPool m_reading;               // startReading()
    QThreadPool m_idleTime;              // startInIdleTime()
    QThreadPool m_pool;                  // forEach() parts
};

// Called by catch-up loops every few thousand entries: on a thread of startInBackground() or
// startInIdleTime(), waits while an UrgentHold is held (at most a second, so that a stuck query
// cannot stop the charts for good); elsewhere it returns at once. Cheap: one relaxed load when
// nothing is held.
void yieldToUrgentWork();

// A fan-out on an executor that may be absent (a test, a small job): without one the parts
// run in turn on the calling thread.
void forEachPart(Executor* executor, int parts, const std::function<void(int)>& part);
// How many parts are worth cutting a job into on that executor.
inline int partsFor(const Executor* executor) {
    return executor ? executor->threadCount() : 1;
}

} // namespace vigil
