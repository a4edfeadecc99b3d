#pragma once

#include "registry/ImageCatalog.h"

#include <QVariant>

namespace berth {

/// What ImageTableModel's columns show for one row: the text, sort key, icon, tool tip and alignment
/// of each cell (roles that do not depend on the column are the model's).
class TagRowCells
{
public:
    /// The value of row `r` in ImageTableModel column `column` for `role`; invalid when there is none.
    static QVariant value(const TagRow& r, int column, int role);
};

} // namespace berth
