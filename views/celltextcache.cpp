#include "celltextcache.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QRect>

#include <cmath>

namespace vigil {

bool CellTextCache::drawable(const QString& text, bool wraps) {
    if (wraps) return false;
    for (const QChar c : text) {
        if (c.unicode() < 0x0590) continue; // below the first right-to-left script
        // QStyledItemDelegate turns line breaks into line separators: the style draws more
        // lines. Right-to-left text is elided on other characters than QFontMetrics cuts.
        if (c == QChar::LineSeparator) return false;
        switch (c.direction()) {
        case QChar::DirR:
        case QChar::DirAL:
        case QChar::DirRLE:
        case QChar::DirRLO:
        case QChar::DirRLI:
            return false;
        default:
            break;
        }
    }
    return true;
}

const CellTextCache::Laid& CellTextCache::laidOut(const Key& key) {
    auto it = m_entries.constFind(key);
    if (it != m_entries.constEnd()) return *it;
    if (m_entries.size() >= kMaxEntries) m_entries.clear();
    const QFontMetricsF metrics(key.font);
    Laid laid;
    laid.text = QStaticText(metrics.elidedText(key.text, key.elide, key.width));
    laid.text.setTextFormat(Qt::PlainText);
    laid.text.prepare(QTransform(), key.font);
    laid.width = laid.text.size().width();
    laid.height = std::ceil(metrics.height()); // as QTextLine::height()
    return *m_entries.insert(key, laid);
}

void CellTextCache::draw(QPainter* painter, const QRect& textRect, const QString& text, const QFont& font,
                         Qt::Alignment alignment, Qt::TextElideMode elide, int margin) {
    if (text.isEmpty()) return;
    const QRect area = textRect.adjusted(margin, 0, -margin, 0);
    const Laid& laid = laidOut(Key{text, font, area.width(), elide});
    // As QCommonStyle places a one-line layout: the line's box aligned in whole pixels
    // (QStyle::alignedRect), the text aligned within the line's width.
    qreal x = area.left();
    if (alignment & Qt::AlignRight)
        x = area.left() + area.width() - laid.width;
    else if (alignment & Qt::AlignHCenter)
        x = area.left() + (area.width() - laid.width) / 2;
    int y = area.top();
    const int lineHeight = int(laid.height);
    if (alignment & Qt::AlignVCenter)
        y += (area.height() - lineHeight) / 2;
    else if (alignment & Qt::AlignBottom)
        y += area.height() - lineHeight;
    painter->setFont(font);
    painter->drawStaticText(QPointF(x, y), laid.text);
}

} // namespace vigil
