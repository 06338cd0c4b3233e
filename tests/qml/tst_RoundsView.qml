import QtQuick
import QtTest
import LeagueDesk.Ui

// The Rounds view and the admin's new-round form load, and without a signed-in 1.1 session they
// offer nothing that could send a request.
TestCase {
    id: testCase
    name: "RoundsView"
    width: 900
    height: 600
    when: windowShown

    Component {
        id: viewComponent
        RoundsView { anchors.fill: parent }
    }
    Component {
        id: paneComponent
        NewRoundPane { width: 600; height: 400 }
    }

    function childNamed(item, name) {
        if (item.objectName === name)
            return item
        for (let i = 0; i < item.children.length; ++i) {
            const found = childNamed(item.children[i], name)
            if (found)
                return found
        }
        if (item.contentItem && item.contentItem !== item) {
            const inContent = childNamed(item.contentItem, name)
            if (inContent)
                return inContent
        }
        return null
    }

    function test_viewWithoutSession() {
        const view = createTemporaryObject(viewComponent, testCase)
        verify(view)
        const actions = childNamed(view, "adminActions")
        verify(actions)
        verify(!actions.visible) // not an admin
        compare(view.selectedId, "") // no rounds without a server
        verify(!childNamed(view, "roundList").visible) // hidden until a 1.1 server answers
    }

    function test_newRoundNeedsASelection() {
        const pane = createTemporaryObject(paneComponent, testCase)
        verify(pane)
        const button = childNamed(pane, "createRoundButton")
        verify(button)
        verify(!button.enabled)
        const minutes = childNamed(pane, "minutesBox")
        compare(minutes.value, 60)
        verify(minutes.from >= 1) // a round closes in the future
    }
}
