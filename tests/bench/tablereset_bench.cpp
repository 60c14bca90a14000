// What a model reset and an appended batch cost the GUI thread in the log table's view, by
// row count, without the query: a plain QTableView against the RowWindowView the log table
// uses. A QTableView's header keeps a record per row; the window view's cost should not grow.
//
//     bench_tablereset [ROWS]   (default 24,000,000)

#include "views/rowwindowview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QScrollBar>
#include <QTableView>
#include <QTextStream>

#include <algorithm>
#include <ctime>
#include <functional>
#include <vector>

namespace {

// Rows of numbers, reset and appended the way the log table's model is.
class Rows : public QAbstractTableModel {
  public:
    int rows = 0;
    int rowCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : rows; }
    int columnCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : 8; }
    QVariant data(const QModelIndex& index, int role) const override {
        if (role != Qt::DisplayRole) return {};
        return QStringLiteral("row %1 column %2").arg(index.row()).arg(index.column());
    }
    void reset(int count) {
        beginResetModel();
        rows = count;
        endResetModel();
    }
    void append(int count) {
        beginInsertRows({}, rows, rows + count - 1);
        rows += count;
        endInsertRows();
    }
};

double threadCpuMs() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

struct Cost {
    double wall = 0, cpu = 0;
};

// Runs `change`, then lets the view lay out and paint, as the event loop would.
template <typename F> Cost measure(QWidget& view, F change) {
    QElapsedTimer t;
    t.start();
    const double cpu = threadCpuMs();
    change();
    QApplication::processEvents();
    view.repaint();
    return {double(t.nsecsElapsed()) / 1e6, threadCpuMs() - cpu};
}

void report(QTextStream& out, const char* what, std::vector<Cost> costs) {
    std::sort(costs.begin(), costs.end(), [](const Cost& a, const Cost& b) { return a.cpu < b.cpu; });
    out << QStringLiteral("  %1: median %2 ms CPU, max %3 ms CPU (max wall %4 ms)\n")
               .arg(QLatin1String(what))
               .arg(costs[costs.size() / 2].cpu, 0, 'f', 2)
               .arg(costs.back().cpu, 0, 'f', 2)
               .arg(std::max_element(costs.begin(), costs.end(),
                                     [](const Cost& a, const Cost& b) { return a.wall < b.wall; })
                        ->wall,
                    0, 'f', 2);
}

void run(QTextStream& out, const char* name, QWidget& view,
         const std::function<void(QAbstractItemModel*)>& setModel, QScrollBar* bar, int rows) {
    Rows model;
    view.resize(1200, 700);
    view.show();
    setModel(&model);
    QApplication::processEvents();
    std::vector<Cost> resets, appends;
    for (int k = 0; k < 8; ++k) // a new result, as a re-filter gives, of changing size
        resets.push_back(measure(view, [&] { model.reset(k % 2 ? rows : rows - rows / 20); }));
    bar->setValue(bar->maximum());
    for (int k = 0; k < 30; ++k) // following: a batch appended, the newest row kept in view
        appends.push_back(measure(view, [&] {
            model.append(500);
            bar->setValue(bar->maximum());
        }));
    out << name << " at " << rows << " rows:\n";
    report(out, "reset", resets);
    report(out, "append 500 rows at the bottom", appends);
    out.flush();
    setModel(nullptr);
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    const int rows = argc > 1 ? QString::fromLatin1(argv[1]).toInt() : 24'000'000;
    QTextStream out(stdout);
    QString warmUp;
    QTextStream ignored(&warmUp);
    // The first round warms the font and style caches up; the second is reported.
    for (QTextStream* to : {&ignored, &out}) {
        {
            QTableView table;
            table.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
            table.verticalHeader()->setDefaultSectionSize(table.fontMetrics().height() + 6);
            table.verticalHeader()->hide();
            run(
                *to, "QTableView", table, [&](QAbstractItemModel* m) { table.setModel(m); },
                table.verticalScrollBar(), rows);
        }
        {
            vigil::RowWindowView view;
            view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
            view.verticalHeader()->setDefaultSectionSize(view.fontMetrics().height() + 6);
            view.verticalHeader()->hide();
            run(
                *to, "RowWindowView", view, [&](QAbstractItemModel* m) { view.setModel(m); },
                view.verticalScrollBar(), rows);
        }
    }
    return 0;
}
