#include "Preferences.h"

#include <QSettings>

QVariant Preferences::value(const QString &key, const QVariant &fallback) const
{
    return QSettings().value(key, fallback);
}

void Preferences::setValue(const QString &key, const QVariant &value)
{
    QSettings().setValue(key, value);
}
