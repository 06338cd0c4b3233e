#pragma once

#include <QObject>
#include <QQmlEngine>
#include <QVariant>

// What the window remembers between runs (size, last view), in the platform's settings store.
// QML's own Settings type needs Qt.labs.settings on 6.4 and QtCore on 6.5+; this keeps one API.
class Preferences : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

public:
    explicit Preferences(QObject *parent = nullptr) : QObject(parent) { }

    Q_INVOKABLE QVariant value(const QString &key, const QVariant &fallback = {}) const;
    Q_INVOKABLE void setValue(const QString &key, const QVariant &value);
};
