using G2G.Engine.Execution;
using G2G.Engine.Tests.Execution;
using G2G.Engine.Time;
using static G2G.Engine.Tests.Time.CalendarTestData;

namespace G2G.Engine.Tests.Time;

/// <summary>
/// A provisional calendar answers a year without a schedule by the weekend rule instead of refusing, and says which
/// answers may still move; a strict calendar keeps refusing.
/// </summary>
public class ProvisionalCalendarTests
{
    private static readonly WorkingCalendar Provisional = China.WithProvisionalYears();

    /// <summary>2026's schedule plus a 2027 with no holidays at all: what the weekend rule alone gives.</summary>
    private static readonly WorkingCalendar WeekendRule2027 =
        new(HolidayCalendarData.LoadEmbedded().Merge(HolidayCalendarData.FromYears([new HolidayYear(2027, [], [])])));

    [Fact]
    public void MissingYear_IsAnsweredByTheWeekendRule()
    {
        Assert.True(Provisional.IsWorkingDay(D(2027, 1, 1))); // a Friday: the official 元旦 holiday is not known yet
        Assert.False(Provisional.IsWorkingDay(D(2027, 1, 2)));
        Assert.Equal(WeekendRule2027.AddWorkingDays(Cn(2026, 12, 21, 9), 30), Provisional.AddWorkingDays(Cn(2026, 12, 21, 9), 30));
        Assert.Equal(WeekendRule2027.AddWorkingHours(Cn(2026, 12, 31, 16), 10), Provisional.AddWorkingHours(Cn(2026, 12, 31, 16), 10));
    }

    [Fact]
    public void KnownYears_AreAnsweredFromTheSchedule_AsByAStrictCalendar()
    {
        Assert.False(Provisional.IsWorkingDay(D(2026, 10, 1)));
        Assert.True(Provisional.IsWorkingDay(D(2026, 2, 14))); // make-up Saturday
        Assert.Equal(China.AddWorkingDays(Cn(2026, 9, 28, 9), 5), Provisional.AddWorkingDays(Cn(2026, 9, 28, 9), 5));
    }

    [Fact]
    public void IsProvisional_WhenTheSpanTouchesAMissingYear_InTheCalendarsOffset()
    {
        Assert.False(Provisional.IsProvisional(Cn(2026, 1, 5), Cn(2026, 12, 31, 23, 59)));
        Assert.True(Provisional.IsProvisional(Cn(2026, 12, 21), Cn(2027, 1, 4)));
        Assert.True(Provisional.IsProvisional(Cn(2027, 1, 4), Cn(2026, 12, 21))); // either order
        // 2026-12-31T17:00Z is already 2027-01-01 01:00 in Beijing.
        Assert.True(Provisional.IsProvisional(Cn(2026, 12, 1), new DateTimeOffset(2026, 12, 31, 17, 0, 0, TimeSpan.Zero)));
        Assert.False(China.IsProvisional(Cn(2026, 12, 21), Cn(2027, 1, 4))); // a strict calendar is never provisional
    }

    [Fact]
    public void StrictCalendar_StillRefusesAMissingYear()
    {
        var missing = Assert.Throws<CalendarYearMissingException>(() => China.AddWorkingDays(Cn(2026, 12, 21, 9), 30));
        Assert.Equal(2027, missing.Year);
        Assert.False(China.AnswersMissingYears);
        Assert.True(Provisional.AnswersMissingYears);
    }

    [Fact]
    public void AgencyOverrides_ApplyToAMissingYear_AndSurviveWith()
    {
        var closed = Provisional.WithOverrides([new DayOverride(D(2027, 1, 4), IsWorkingDay: false, "停电")])
            .WithOfficeHours(OfficeHours.Parse("09:00-12:00"));
        Assert.False(closed.IsWorkingDay(D(2027, 1, 4)));
        Assert.True(closed.IsWorkingDay(D(2027, 1, 5)));
        Assert.True(closed.AnswersMissingYears);
        Assert.True(closed.WithData(HolidayCalendarData.LoadEmbedded()).AnswersMissingYears);
    }

    [Fact]
    public void LoadingTheYear_EndsTheProvisionalAnswers()
    {
        var official = HolidayCalendarData.FromYears([new HolidayYear(2027, [], [new HolidayDay(D(2027, 1, 1), "元旦", true)])]);
        var loaded = Provisional.WithData(HolidayCalendarData.LoadEmbedded().Merge(official));
        Assert.False(loaded.IsWorkingDay(D(2027, 1, 1)));
        Assert.False(loaded.IsProvisional(Cn(2026, 12, 21), Cn(2027, 2, 1)));
        Assert.True(loaded.IsProvisional(Cn(2026, 12, 21), Cn(2028, 1, 3)));
    }

    private const string DeadlineProcess = """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:g2g="urn:g2g:bpmn:1.0" id="d" targetNamespace="t">
          <bpmn:process id="p" isExecutable="true">
            <bpmn:startEvent id="s" />
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="apply" />
            <bpmn:userTask id="apply" />
            <bpmn:sequenceFlow id="f2" sourceRef="apply" targetRef="review" />
            <bpmn:userTask id="review" g2g:due="30wd" g2g:remindBefore="1wd" />
            <bpmn:sequenceFlow id="f3" sourceRef="review" targetRef="e" />
            <bpmn:endEvent id="e" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public void Executor_WithAProvisionalCalendar_CreatesTheTask_WithAProvisionalDeadline()
    {
        var process = ProcessHarness.FromXml(DeadlineProcess, options: new ExecutionOptions { Calendar = Provisional });
        process.Now = Cn(2026, 12, 21, 9);
        process.Start().Complete("apply");

        var review = process.Task("review");
        Assert.True(review.DueProvisional);
        Assert.Equal(WeekendRule2027.AddWorkingDays(Cn(2026, 12, 21, 9), 30), review.DueAt);
        Assert.Empty(process.All<IncidentRaised>());
    }

    [Fact]
    public void Executor_DeadlineWithinLoadedYears_IsNotProvisional()
    {
        var process = ProcessHarness.FromXml(DeadlineProcess, options: new ExecutionOptions { Calendar = Provisional });
        process.Now = Cn(2026, 10, 12, 9);
        process.Start().Complete("apply");
        Assert.False(process.Task("review").DueProvisional);
    }

    [Fact]
    public void Executor_TheCalendarOfTheCall_WinsOverTheOptions()
    {
        var definition = ProcessHarness.FromXml(DeadlineProcess).Definition;
        var executor = new ProcessExecutor(); // strict built-in calendar by default
        var started = executor.Execute(definition, ProcessState.Empty, new StartProcess(), Cn(2026, 12, 21, 9));
        var apply = started.Effects.OfType<TaskCreated>().Single();

        var strict = executor.Execute(definition, started.State, new CompleteTask(apply.TaskId), Cn(2026, 12, 21, 9));
        Assert.Single(strict.Effects.OfType<IncidentRaised>()); // the year is missing and the strict calendar refuses

        var lenient = executor.Execute(definition, started.State, new CompleteTask(apply.TaskId), Cn(2026, 12, 21, 9), Provisional);
        Assert.True(lenient.Effects.OfType<TaskCreated>().Single().DueProvisional);
    }
}
