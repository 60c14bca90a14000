#pragma once
// The selected entry in full: every line (a traceback's too), JSON pretty-printed, a table
// of its fields, its correlation ids as links (clicking one filters every instance to it),
// copy as text or JSON, and "show in context". Secrets masked unless revealed.

#include "models/store/ids.h"

#include <QRegularExpression>
#include <QWidget>

class QLabel;
class QTableWidget;
class QTextBrowser;
class QPushButton;

namespace vigil {

class LogTableModel;

class DetailPane : public QWidget {
    Q_OBJECT
  public:
    explicit DetailPane(QWidget* parent = nullptr);

    void setModel(LogTableModel* model) { m_model = model; }
    // Shows an entry; one no longer stored clears the pane.
    void showEntry(EntryIndex entry);
    void clearEntry();
    void setHighlight(const QRegularExpression& pattern);
    bool hasEntry() const { return m_hasEntry; }
    EntryIndex entry() const { return m_entry; }

    // The entry as text (masked) and as a JSON object of its fields (masked).
    QString entryAsText() const;
    QString entryAsJson() const;

    QTextBrowser* textView() const { return m_text; }
    QTableWidget* fieldsTable() const { return m_fields; }
    QLabel* idsLabel() const { return m_ids; }

  Q_SIGNALS:
    void correlationIdClicked(const QString& name, const QString& value);
    void showInContext(EntryIndex entry);

  private:
    void applyHighlight();

    LogTableModel* m_model = nullptr;
    EntryIndex m_entry;
    bool m_hasEntry = false;
    QRegularExpression m_highlight;
    QLabel *m_header, *m_ids;
    QTextBrowser* m_text;
    QTableWidget* m_fields;
    QPushButton *m_copyText, *m_copyJson, *m_context;
};

} // namespace vigil
