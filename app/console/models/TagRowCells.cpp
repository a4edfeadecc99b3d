#include "models/TagRowCells.h"

#include "models/ConsoleRoles.h"
#include "models/ImageTableModel.h"
#include "models/ModelSupport.h"

namespace berth {

QVariant TagRowCells::value(const TagRow& r, int column, int role)
{
    const bool display = role == Qt::DisplayRole;
    const bool sort = role == ConsoleRoles::SortRole;
    switch (column) {
    case ImageTableModel::TagColumn:
        if (display)
            return r.tag.isEmpty() ? ImageTableModel::tr("(untagged)") : r.tag;
        if (sort)
            return r.tag;
        break;
    case ImageTableModel::DigestColumn:
        if (display)
            return r.digest.algorithmName() + QLatin1Char(':') + r.digest.hex().left(12);
        if (sort || role == Qt::ToolTipRole)
            return r.digest.toString();
        break;
    case ImageTableModel::KindColumn:
        if (display)
            return ModelSupport::kindText(r.kind);
        if (sort)
            return int(r.kind);
        if (role == Qt::DecorationRole)
            return ModelSupport::kindIcon(r.kind);
        if (role == Qt::ToolTipRole)
            return r.artifactType.isEmpty() ? r.mediaType : r.artifactType;
        break;
    case ImageTableModel::PlatformsColumn:
        if (display || sort)
            return r.platforms.join(QStringLiteral(", "));
        break;
    case ImageTableModel::SizeColumn:
        if (display)
            return ModelSupport::size(r.imageSize);
        if (sort)
            return r.imageSize;
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case ImageTableModel::PushedColumn:
        if (display)
            return ModelSupport::time(r.pushedAt);
        if (sort)
            return ModelSupport::sortTime(r.pushedAt);
        break;
    case ImageTableModel::LastPulledColumn:
        if (display)
            return r.lastPulledAt.isValid() ? ModelSupport::time(r.lastPulledAt)
                                            : ImageTableModel::tr("Never");
        if (sort)
            return ModelSupport::sortTime(r.lastPulledAt);
        break;
    default:
        break;
    }
    return QVariant();
}

} // namespace berth
