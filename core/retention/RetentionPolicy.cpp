#include "retention/RetentionPolicy.h"

#include <QCoreApplication>

namespace berth {

QString RetentionPolicy::describeTarget() const
{
    if (onRepository())
        return QCoreApplication::translate("RetentionPolicy", "repository %1").arg(repository);
    return compartment.describe();
}

} // namespace berth
