#pragma once

#include <QString>
#include <QStringList>

namespace berth {

/// Who is making a request: a signed-in user with their groups, or nobody (anonymous).
struct Principal
{
    QString userName;    ///< empty for anonymous
    QStringList groups;  ///< group names the user belongs to
    bool administrator = false; ///< member of the built-in Administrators group

    bool isAnonymous() const { return userName.isEmpty(); }
    static Principal anonymous() { return {}; }
};

} // namespace berth
