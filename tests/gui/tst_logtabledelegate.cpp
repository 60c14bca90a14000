// The log table's delegate cuts a long message to what its cell can show before the style
// lays it out (the layout of a whole multi-kilobyte message was most of a table repaint):
// the cell must look exactly as the style draws the whole text, at any width. It draws the
// text of most cells itself, from a cache, and that must look as the style draws it too.

#include "models/logtablemodel.h"
#include "views/logtabledelegate.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QStandardItemModel>
#include <QTableView>
#include <QtTest>

using namespace vigil;

class TstLogTableDelegate : public QObject {
    Q_OBJECT
  private:
    // The cell at (0, column) painted by `delegate` into an image of `width` × `height` pixels.
    static QImage paintCell(QStyledItemDelegate& delegate, QTableView& view, int column, int width,
                            Qt::TextElideMode elide, int height = 22) {
        QImage image(width, height, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        QPainter painter(&image);
        QStyleOptionViewItem option;
        option.initFrom(view.viewport());
        option.widget = &view;
        option.rect = QRect(0, 0, width, height);
        option.font = view.font();
        option.fontMetrics = QFontMetrics(view.font());
        option.state |= QStyle::State_Enabled;
        option.textElideMode = elide;
        delegate.paint(&painter, option, view.model()->index(0, column));
        painter.end();
        return image;
    }

  private Q_SLOTS:
    void longMessagesLookAsTheStyleDrawsThem() {
        // An INFO row (no level colours) with a real traceback's message repeated far past
        // any cell, and one with wide and astral characters, which are cut on whole ones.
        const QString line =
            QStringLiteral("Traceback (most recent call last): File \"/app/server.py\", line 212, in handle "
                           "await self.dispatch(request) TimeoutError: upstream did not answer in 30 s ");
        const QStringList messages = {line.repeated(80), QStringLiteral("日志 ☃ 😀 ").repeated(600),
                                      QStringLiteral("iiii.... ").repeated(400), line.left(40)};
        for (const QString& message : messages) {
            QStandardItemModel model(1, LogTableModel::ColumnCount);
            model.setData(model.index(0, LogTableModel::MessageColumn), message);
            model.setData(model.index(0, LogTableModel::MessageColumn), int(Level::Info),
                          LogTableModel::LevelRole);
            QTableView view;
            view.setModel(&model);
            LogTableDelegate cutting;
            QStyledItemDelegate whole;
            // The table elides on the right; a view eliding in the middle shows the end too.
            for (Qt::TextElideMode elide : {Qt::ElideRight, Qt::ElideMiddle})
                for (int width : {40, 90, 333, 900, 2400}) {
                    const QImage cut = paintCell(cutting, view, LogTableModel::MessageColumn, width, elide);
                    const QImage reference =
                        paintCell(whole, view, LogTableModel::MessageColumn, width, elide);
                    QVERIFY2(cut == reference,
                             qPrintable(QStringLiteral("%1 px, elide mode %2, message of %3 "
                                                       "characters")
                                            .arg(width)
                                            .arg(int(elide))
                                            .arg(message.size())));
                }
        }
    }

    void cellTextIsWhereTheStyleDrawsIt() {
        // The delegate draws a cell's text from glyphs laid out once (celltextcache.h): left
        // and right aligned, in a bold font, elided or not, it must match the style's pixels.
        // Tabs, a right-to-left override and Hebrew come from hostile or foreign log lines.
        const QStringList texts = {QStringLiteral("2025-11-10 10:20:00.000"),
                                   QStringLiteral("1.413 s"),
                                   QStringLiteral("middleware.event_logger"),
                                   QStringLiteral("x"),
                                   QStringLiteral("\tat com.example.Server.handle(Server.java:212)\tcaused"),
                                   QStringLiteral("user \u202Egnp.exe\u202C logged in"),
                                   QStringLiteral("שגיאה: timeout after 30 s"),
                                   QStringLiteral("deploy ✅ done 😀 日志")};
        QFont bold = QApplication::font();
        bold.setBold(true);
        for (const QString& text : texts)
            for (const Qt::Alignment alignment :
                 {Qt::AlignLeft | Qt::AlignVCenter, Qt::AlignRight | Qt::AlignVCenter})
                for (const bool isBold : {false, true}) {
                    QStandardItemModel model(1, LogTableModel::ColumnCount);
                    const QModelIndex cell = model.index(0, LogTableModel::LoggerColumn);
                    model.setData(cell, text);
                    model.setData(cell, int(Level::Info), LogTableModel::LevelRole);
                    model.setData(cell, int(alignment), Qt::TextAlignmentRole);
                    if (isBold) model.setData(cell, bold, Qt::FontRole);
                    QTableView view;
                    view.setModel(&model);
                    LogTableDelegate delegate;
                    QStyledItemDelegate style;
                    // Rows of odd and even heights round the centring differently; 9 px is
                    // shorter than a line, 4 px narrower than one character.
                    for (int width : {4, 30, 120, 400})
                        for (int height : {9, 21, 22}) {
                            const QImage drawn = paintCell(delegate, view, LogTableModel::LoggerColumn, width,
                                                           Qt::ElideRight, height);
                            const QImage reference = paintCell(style, view, LogTableModel::LoggerColumn,
                                                               width, Qt::ElideRight, height);
                            QVERIFY2(drawn == reference,
                                     qPrintable(QStringLiteral("\"%1\", %2 x %3 px, alignment %4, bold %5")
                                                    .arg(text)
                                                    .arg(width)
                                                    .arg(height)
                                                    .arg(int(alignment))
                                                    .arg(isBold)));
                        }
                }
    }
};

QTEST_MAIN(TstLogTableDelegate)
#include "tst_logtabledelegate.moc"
