// The executor every background job goes through: a fan-out runs each part exactly once,
// nests inside a pool task without deadlocking (a query's filter fans out from the task
// that runs the query), a ticket's wait returns only after its task ran, and a started task
// does not wait behind started tasks that hold every thread (a query while a scan reads).

#include "models/exec/executor.h"

#include <QtTest>

#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <memory>
#include <set>
#include <thread>
#include <vector>

using namespace vigil;

class TestExecutor : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void everyPartRunsOnce() {
        Executor executor(3);
        for (int parts : {1, 2, 3, 7, 64}) {
            std::vector<std::atomic<int>> runs(static_cast<std::size_t>(parts));
            executor.forEach(parts, [&](int p) { runs[std::size_t(p)].fetch_add(1); });
            for (int p = 0; p < parts; ++p)
                QCOMPARE(runs[std::size_t(p)].load(), 1);
        }
        executor.forEach(0, [](int) { QFAIL("no part to run"); });
    }

    void partsRunInParallel() {
        // Two parts that each wait for the other to start can only finish side by side.
        Executor executor(2);
        std::atomic<int> started{0};
        executor.forEach(2, [&](int) {
            started.fetch_add(1);
            QElapsedTimer t;
            t.start();
            while (started.load() < 2 && t.elapsed() < 5000)
                std::this_thread::yield();
        });
        QCOMPARE(started.load(), 2);
    }

    void fanOutInsideBusyPoolFinishes() {
        // Every pool thread runs a task that fans out: the parts must still all run (the
        // calling threads take them), or this test hangs and times out.
        Executor executor(2);
        std::atomic<int> partsRun{0};
        std::vector<Executor::Ticket> tickets;
        for (int t = 0; t < 4; ++t)
            tickets.push_back(
                executor.start([&] { executor.forEach(8, [&](int) { partsRun.fetch_add(1); }); }));
        for (const Executor::Ticket& ticket : tickets)
            ticket.wait();
        QCOMPARE(partsRun.load(), 4 * 8);
    }

    void ticketWaitsForItsTask() {
        Executor executor(1);
        std::atomic<bool> ran{false};
        const Executor::Ticket ticket = executor.start([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            ran = true;
        });
        ticket.wait();
        QVERIFY(ran.load());
        QVERIFY(ticket.done());
        QVERIFY(Executor::Ticket().done()); // an empty ticket: nothing to wait for
    }

    void startedTaskRunsWhileOthersHoldTheThreads() {
        // One thread per core, both taken by a scan's readers that run until told to stop:
        // a query started meanwhile still runs, and its fan-out finishes.
        Executor executor(2);
        std::atomic<bool> release{false};
        std::atomic<int> readers{0};
        std::vector<Executor::Ticket> held;
        for (int i = 0; i < 2; ++i)
            held.push_back(executor.start([&] {
                readers.fetch_add(1);
                while (!release.load())
                    std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }));
        QTRY_COMPARE(readers.load(), 2);
        std::atomic<int> parts{0};
        const Executor::Ticket query =
            executor.start([&] { executor.forEach(4, [&](int) { parts.fetch_add(1); }); });
        QTRY_VERIFY_WITH_TIMEOUT(query.done(), 5000);
        QCOMPARE(parts.load(), 4);
        release.store(true);
        for (const Executor::Ticket& t : held)
            t.wait();
    }

    void backgroundTasksYieldTheCores() {
        // Catch-up work runs at a lower priority than the tasks and parts a user waits for.
        Executor executor(2);
        const int base = getpriority(PRIO_PROCESS, ::gettid());
        std::atomic<int> background{-100}, foreground{-100}, part{-100};
        for (int k = 0; k < 2; ++k) // the background thread, new or reused, stays lowered
            executor.startInBackground([&] { background = getpriority(PRIO_PROCESS, ::gettid()); }).wait();
        QCOMPARE(int(background), std::min(19, base + 5));
        executor.start([&] { foreground = getpriority(PRIO_PROCESS, ::gettid()); }).wait();
        QCOMPARE(int(foreground), base);
        executor.forEach(8, [&](int) { part = getpriority(PRIO_PROCESS, ::gettid()); });
        QCOMPARE(int(part), base);
    }

    void readersYieldToTheWindowButNotToCatchUp() {
        // A window's readers give way to its thread, and still take the cores before catch-up.
        Executor executor(2);
        const int base = getpriority(PRIO_PROCESS, ::gettid());
        std::atomic<int> reading{-100}, background{-100}, foreground{-100};
        for (int k = 0; k < 2; ++k) // lowered once: a reused reader thread is not lowered again
            executor.startReading([&] { reading = getpriority(PRIO_PROCESS, ::gettid()); }).wait();
        QCOMPARE(int(reading), std::min(19, base + 2));
        executor.startInBackground([&] { background = getpriority(PRIO_PROCESS, ::gettid()); }).wait();
        QVERIFY(int(background) > int(reading) || int(background) == 19);
        executor.start([&] { foreground = getpriority(PRIO_PROCESS, ::gettid()); }).wait();
        QCOMPARE(int(foreground), base);
    }

    void idleTimeWorkRunsInTheIdleClass() {
        // Work the window can wait for: idle scheduling class, on threads of its own (a
        // thread cannot leave that class). It pauses for urgent work as catch-up does
        // (catchUpPausesWhileUrgentWorkRuns).
        Executor executor(2);
        std::atomic<int> idle{-100}, reading{-100}, background{-100}, foreground{-100};
        for (int k = 0; k < 2; ++k) // a reused thread stays in the class
            executor.startInIdleTime([&] { idle = sched_getscheduler(::gettid()); }).wait();
        QCOMPARE(int(idle), SCHED_IDLE);
        executor.startReading([&] { reading = sched_getscheduler(::gettid()); }).wait();
        executor.startInBackground([&] { background = sched_getscheduler(::gettid()); }).wait();
        executor.start([&] { foreground = sched_getscheduler(::gettid()); }).wait();
        QCOMPARE(int(reading), SCHED_OTHER);
        QCOMPARE(int(background), SCHED_OTHER);
        QCOMPARE(int(foreground), SCHED_OTHER);
    }

    void catchUpPausesWhileUrgentWorkRuns_data() {
        QTest::addColumn<bool>("inIdleTime");
        QTest::newRow("startInBackground") << false;
        QTest::newRow("startInIdleTime") << true;
    }

    void catchUpPausesWhileUrgentWorkRuns() {
        QFETCH(bool, inIdleTime);
        Executor executor(2);
        const auto startCatchUp = [&](std::function<void()> task) {
            return inIdleTime ? executor.startInIdleTime(std::move(task))
                              : executor.startInBackground(std::move(task));
        };
        std::atomic<bool> started{false}, passed{false};
        auto hold = std::make_unique<Executor::UrgentHold>(executor);
        Executor::UrgentHold moved = std::move(*hold); // a moved hold is still one hold
        hold.reset();
        const Executor::Ticket catchUp = startCatchUp([&] {
            started = true;
            yieldToUrgentWork();
            passed = true;
        });
        QTRY_VERIFY(started);
        QTest::qWait(150);
        QVERIFY(!passed); // held at its checkpoint
        // Threads other than catch-up ones never wait, hold or not.
        QElapsedTimer clock;
        clock.start();
        yieldToUrgentWork();
        executor.start([] { yieldToUrgentWork(); }).wait();
        QVERIFY(clock.elapsed() < 100);
        moved = Executor::UrgentHold(); // released
        catchUp.wait();
        QVERIFY(passed);
        // Without a hold a checkpoint costs nothing.
        clock.restart();
        startCatchUp([] {
            for (int k = 0; k < 100000; ++k)
                yieldToUrgentWork();
        }).wait();
        QVERIFY(clock.elapsed() < 100);
    }

    void withoutExecutorPartsRunInTurnOnTheCaller() {
        std::vector<std::thread::id> threads;
        forEachPart(nullptr, 3, [&](int) { threads.push_back(std::this_thread::get_id()); });
        QCOMPARE(int(threads.size()), 3);
        QCOMPARE(std::set<std::thread::id>(threads.begin(), threads.end()).size(), std::size_t(1));
        QCOMPARE(threads.front(), std::this_thread::get_id());
        QCOMPARE(partsFor(nullptr), 1);
    }
};

QTEST_GUILESS_MAIN(TestExecutor)
#include "tst_executor.moc"
