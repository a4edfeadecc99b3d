#pragma once

#include <QStyledItemDelegate>

namespace berth {

/// Draws a progress bar for a 0–100 value in Qt::DisplayRole; -1 (unknown) draws a bar with no
/// percentage, anything else falls back to text.
class ProgressDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
};

} // namespace berth
