// BookmarkModel under QAbstractItemModelTester on the sample deployment: bookmarks are
// the file's identity and the entry's offset, found again by a fresh store (a restart),
// listed in time order with what the table shows for them.

#include "../query/samplefiles.h"
#include "models/exec/executor.h"

#include "models/bookmarkmodel.h"
#include "models/ingest/liveingest.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

#include <sys/stat.h>

using namespace vigil;

class TestBookmarkModel : public QObject {
    Q_OBJECT
    struct Open {
        Executor executor; // runs the table's queries, as the window's does
        EntryStore store;
        LiveIngest ingest{store};
        LogTableModel table{store, executor};
        BookmarkModel marks{table};
        QAbstractItemModelTester tester{&marks, QAbstractItemModelTester::FailureReportingMode::QtTest};
        Open() {
            QObject::connect(&ingest, &LiveIngest::entriesAppended, &table, &LogTableModel::entriesAppended);
            QObject::connect(&ingest, &LiveIngest::entriesAppended, &marks, &BookmarkModel::refresh);
        }
        bool openSamples() {
            QSignalSpy done(&ingest, &LiveIngest::initialScanFinished);
            ingest.open({samples::root()});
            return done.wait(20000);
        }
    };

  private Q_SLOTS:
    void keptByFileIdentityAndOffset() {
        const int total = samples::expected().value(QStringLiteral("entries")).toInt();
        QVariantList saved;
        QStringList messages;
        {
            Open o;
            QVERIFY(o.openSamples());
            QTRY_COMPARE(o.table.rowCount(), total);
            QTRY_VERIFY(o.table.settled());
            // Made out of time order: listed in time order.
            for (int row : {500, 5, 1500})
                QVERIFY(o.marks.toggle(o.table.entryAt(row)));
            QCOMPARE(o.marks.rowCount(), 3);
            for (int i = 0; i < 3; ++i) {
                const int row = (int[]){5, 500, 1500}[i];
                QCOMPARE(o.marks.entryAt(i), o.table.entryAt(row));
                for (auto [mine, theirs] : {std::pair{BookmarkModel::TimeColumn, LogTableModel::TimeColumn},
                                            {BookmarkModel::InstanceColumn, LogTableModel::InstanceColumn},
                                            {BookmarkModel::MessageColumn, LogTableModel::MessageColumn}})
                    QCOMPARE(o.marks.index(i, mine).data(), o.table.index(row, theirs).data());
                messages << o.marks.index(i, BookmarkModel::MessageColumn).data().toString();
            }
            // What is kept: the file's device and inode, and the offset where the entry's
            // first line starts in it.
            saved = o.marks.saved();
            QCOMPARE(saved.size(), 3);
            for (const QVariant& v : saved) {
                const QVariantMap m = v.toMap();
                struct stat st {};
                QCOMPARE(::stat(QFile::encodeName(m[QStringLiteral("path")].toString()).constData(), &st), 0);
                QCOMPARE(m[QStringLiteral("device")].toULongLong(), quint64(st.st_dev));
                QCOMPARE(m[QStringLiteral("inode")].toULongLong(), quint64(st.st_ino));
                QFile file(m[QStringLiteral("path")].toString());
                QVERIFY(file.open(QIODevice::ReadOnly));
                const qint64 offset = m[QStringLiteral("offset")].toLongLong();
                QVERIFY(offset == 0 || (file.seek(offset - 1) && file.read(1) == "\n"));
            }
            // Toggling a bookmarked entry removes it.
            QVERIFY(!o.marks.toggle(o.table.entryAt(500)));
            QCOMPARE(o.marks.rowCount(), 2);
            QVERIFY(o.marks.toggle(o.table.entryAt(500)));
            saved = o.marks.saved();
        }
        // A restart: the saved values given to a new store before it reads anything.
        Open o;
        o.marks.setSaved(saved);
        QCOMPARE(o.marks.rowCount(), 0);
        QVERIFY(o.openSamples());
        QTRY_COMPARE(o.marks.rowCount(), 3);
        QTRY_VERIFY(o.table.settled());
        for (int i = 0; i < 3; ++i)
            QCOMPARE(o.marks.index(i, BookmarkModel::MessageColumn).data().toString(), messages[i]);
        // Bookmarks of files not open are kept for later, not listed.
        QVariantList more = saved;
        more << QVariantMap{{QStringLiteral("device"), 1u},
                            {QStringLiteral("inode"), 99u},
                            {QStringLiteral("offset"), 0u},
                            {QStringLiteral("path"), QStringLiteral("/elsewhere.log")}};
        o.marks.setSaved(more);
        QCOMPARE(o.marks.rowCount(), 3);
        QCOMPARE(o.marks.saved().size(), 4);
    }

    // The oldest bookmark makes room for a new one past the limit, listed or not.
    void boundedCount() {
        Open o;
        QVERIFY(o.openSamples());
        QTRY_VERIFY(o.table.rowCount() > BookmarkModel::kMaxBookmarks);
        QTRY_VERIFY(o.table.settled());
        for (int row = 0; row <= BookmarkModel::kMaxBookmarks; ++row)
            QVERIFY(o.marks.toggle(o.table.entryAt(row)));
        QCOMPARE(o.marks.rowCount(), BookmarkModel::kMaxBookmarks);
        QCOMPARE(int(o.marks.saved().size()), BookmarkModel::kMaxBookmarks);
        QVERIFY(!o.marks.contains(o.table.entryAt(0)));
        QVERIFY(o.marks.contains(o.table.entryAt(BookmarkModel::kMaxBookmarks)));
    }
};

QTEST_MAIN(TestBookmarkModel)
#include "tst_bookmarkmodel.moc"
