using G2G.Runtime.Organisation;
using G2G.Runtime.Queries;
using G2G.Web.Components.Instances;

namespace G2G.Web.Tests.Pages;

/// <summary>What the instance diagram marks, from the path taken and the instance's tasks.</summary>
public sealed class InstanceMarksTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void ASentBackRequest_IsCurrentAtItsFirstStepAgain_AndTheStepItWasSentBackFromIsTakenNotCurrent()
    {
        HistoryView[] history =
        [
            new("start", "startEvent", "Started", 1, Now), new("start", "startEvent", "Completed", 1, Now), new("toApply", "sequenceFlow", "Taken", 1, Now),
            new("apply", "userTask", "Started", 1, Now), new("apply", "userTask", "Completed", 1, Now), new("toHead", "sequenceFlow", "Taken", 1, Now),
            new("head", "userTask", "Started", 1, Now), // sent back: the history has no completion of it
            new("apply", "userTask", "Started", 2, Now),
        ];
        TaskView[] tasks = [Task(1, "apply", "completed", null), Task(2, "head", "completed", null), Task(3, "apply", "open", Now.AddDays(1))];

        var marks = InstanceMarks.From(history, tasks, Now);

        Assert.Equal(["apply"], marks.Current);
        Assert.Empty(marks.Overdue);
        Assert.Equal(["apply", "start", "toApply", "toHead"], marks.Taken);
    }

    [Fact]
    public void AnOpenTaskPastItsDueDate_IsOverdueNotCurrent_AndAWaitingEventWithoutTasksIsCurrent()
    {
        HistoryView[] history =
        [
            new("head", "userTask", "Started", 1, Now), new("wait", "intermediateCatchEvent", "Started", 2, Now),
            new("done", "userTask", "Started", 3, Now), new("done", "userTask", "Completed", 3, Now),
        ];
        TaskView[] tasks = [Task(1, "head", "open", Now.AddMinutes(-1))];

        var marks = InstanceMarks.From(history, tasks, Now);

        Assert.Equal(["wait"], marks.Current);
        Assert.Equal(["head"], marks.Overdue);
        Assert.Equal(["done"], marks.Taken);
    }

    private static TaskView Task(long id, string element, string state, DateTimeOffset? due) =>
        new(id, 1, element, element, "leave", "请假", null, "wu.fang", [], [], "sf-fin", state, null, Now.AddDays(-1), due,
            state == "completed" ? Now : null, state == "completed" ? "wu.fang" : null, null, 1, ClearanceLevel.Unclassified, false);
}
