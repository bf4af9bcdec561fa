using G2G.Runtime.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Office.Meetings;

/// <summary>The 会议申请 procedure's part of the office module.</summary>
internal static class MeetingRegistration
{
    public static IServiceCollection AddOfficeMeetings(this IServiceCollection services)
    {
        services.AddScoped<MeetingRoomService>();
        services.AddServiceTaskHandler<RequestMeeting>("meeting.request");
        services.AddServiceTaskHandler<ConfirmMeeting>("meeting.confirm");
        services.AddServiceTaskHandler<ReleaseMeeting>("meeting.release");
        services.AddServiceTaskHandler<CheckMeetingOver>("meeting.check");
        services.AddServiceTaskHandler<FileMinutes>("meeting.minutes");
        return services;
    }
}
