namespace G2G.Runtime;

/// <summary>
/// The runtime's messages for people, one factory per message: its name is the stable key, its parameters the
/// template's <c>{0}</c>, <c>{1}</c> … in the same order. Templates: RuntimeMessages.resx (Simplified Chinese) and
/// RuntimeMessages.en.resx (English); a test holds every method, key and placeholder in step across the three.
/// To add a message, add the method and its two templates; never throw a runtime refusal with a literal string.
/// </summary>
public static class RuntimeMessages
{
    private static readonly TextCatalog Catalog = new(new(typeof(RuntimeMessages)));

    /// <summary>The catalogue itself, for the catalogue tests.</summary>
    public static TextCatalog Templates => Catalog;

    /// <summary>An instant as offices read it, in China Standard Time (the templates write it without an offset).</summary>
    private static DateTimeOffset InChina(DateTimeOffset at) => at.ToOffset(Engine.Time.WorkingCalendar.ChinaStandardOffset);

    /// <summary>A rejection of the engine (<see cref="Engine.Execution.CommandRejectedException.Reason"/>) in the reader's language.</summary>
    public static RuntimeText EngineRejection(Engine.Execution.CommandRejectedException rejected)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        return Catalog.Text(EngineKey(rejected.Reason), [.. rejected.Arguments]);
    }

    /// <summary>The key of the engine's rejection reason <paramref name="reason"/> in this catalogue.</summary>
    public static string EngineKey(string reason) => "Engine_" + reason;

    /// <summary>A message of the engine's parser or validator (<see cref="Engine.Validation.DiagnosticText"/>) in the reader's language.</summary>
    public static RuntimeText EngineDiagnostic(Engine.Validation.DiagnosticText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Catalog.Text(DiagnosticKey(text.Reason), [.. text.Arguments.Select(a => a is Engine.Validation.DiagnosticText nested ? EngineDiagnostic(nested) : a)]);
    }

    /// <summary>The key of the engine's diagnostic message <paramref name="reason"/> in this catalogue.</summary>
    public static string DiagnosticKey(string reason) => "Bpmn_" + reason;

    /// <summary>A diagnostic as a refused deploy lists it: code, line and column, element, and its message, in the reader's language.</summary>
    public static RuntimeText DefinitionError(Engine.Validation.Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        var message = EngineDiagnostic(diagnostic.Text);
        return diagnostic.ElementId is { } id
            ? DefinitionErrorAt(diagnostic.Code, diagnostic.Line, diagnostic.Column, diagnostic.ElementKind ?? "", id, message)
            : DefinitionError(diagnostic.Code, diagnostic.Line, diagnostic.Column, message);
    }

    // Instances
    public static RuntimeText InstanceNotFound(long instanceId) => Catalog.Text(nameof(InstanceNotFound), instanceId);
    public static RuntimeText InstanceChangedByOthers(long instanceId, int attempts) => Catalog.Text(nameof(InstanceChangedByOthers), instanceId, attempts);
    public static RuntimeText InstanceChangedSinceRead(long instanceId, int version) => Catalog.Text(nameof(InstanceChangedSinceRead), instanceId, version);
    public static RuntimeText StateFormatTooNew(long instanceId, int format, int readable) => Catalog.Text(nameof(StateFormatTooNew), instanceId, format, readable);
    public static RuntimeText InstanceSuspended(long instanceId) => Catalog.Text(nameof(InstanceSuspended), instanceId);
    public static RuntimeText StepWouldFail(string elementId, string problem) => Catalog.Text(nameof(StepWouldFail), elementId, problem);
    public static RuntimeText JobNotLeased(long jobId, string owner) => Catalog.Text(nameof(JobNotLeased), jobId, owner);

    // Forms
    public static RuntimeText TaskHasNoForm(long taskId, string step) => Catalog.Text(nameof(TaskHasNoForm), taskId, step);
    public static RuntimeText FormOfTaskNotDeployed(string formKey, long taskId) => Catalog.Text(nameof(FormOfTaskNotDeployed), formKey, taskId);
    public static RuntimeText StepFormNotDeployed(string step, string formKey) => Catalog.Text(nameof(StepFormNotDeployed), step, formKey);
    public static RuntimeText SubmissionInvalid(long taskId, int count) => Catalog.Text(nameof(SubmissionInvalid), taskId, count);
    public static RuntimeText OpinionRequired() => Catalog.Text(nameof(OpinionRequired));
    public static RuntimeText FieldNotInForm() => Catalog.Text(nameof(FieldNotInForm));
    public static RuntimeText FieldReadOnly(string label) => Catalog.Text(nameof(FieldReadOnly), label);
    public static RuntimeText FieldRequired(string label) => Catalog.Text(nameof(FieldRequired), label);
    public static RuntimeText FieldNotNumber(string label) => Catalog.Text(nameof(FieldNotNumber), label);
    public static RuntimeText FieldBelowMinimum(string label, decimal min) => Catalog.Text(nameof(FieldBelowMinimum), label, min);
    public static RuntimeText FieldAboveMaximum(string label, decimal max) => Catalog.Text(nameof(FieldAboveMaximum), label, max);
    public static RuntimeText FieldNotBoolean(string label) => Catalog.Text(nameof(FieldNotBoolean), label);
    public static RuntimeText FieldNotOption(string label, string options) => Catalog.Text(nameof(FieldNotOption), label, options);
    public static RuntimeText FieldNotOptionList(string label, string options) => Catalog.Text(nameof(FieldNotOptionList), label, options);
    public static RuntimeText FieldNotDate(string label) => Catalog.Text(nameof(FieldNotDate), label);
    public static RuntimeText FieldNotLineList(string label) => Catalog.Text(nameof(FieldNotLineList), label);
    public static RuntimeText FieldTooFewLines(string label, decimal fewest) => Catalog.Text(nameof(FieldTooFewLines), label, fewest);
    public static RuntimeText FieldTooManyLines(string label, decimal most) => Catalog.Text(nameof(FieldTooManyLines), label, most);
    public static RuntimeText FieldNotText(string label) => Catalog.Text(nameof(FieldNotText), label);
    public static RuntimeText FieldTooShort(string label, int shortest) => Catalog.Text(nameof(FieldTooShort), label, shortest);
    public static RuntimeText FieldTooLong(string label, int longest) => Catalog.Text(nameof(FieldTooLong), label, longest);
    public static RuntimeText FieldPatternMismatch(string label) => Catalog.Text(nameof(FieldPatternMismatch), label);
    public static RuntimeText LineNotObject() => Catalog.Text(nameof(LineNotObject));
    public static RuntimeText FieldNotFileList(string label) => Catalog.Text(nameof(FieldNotFileList), label);
    public static RuntimeText FieldOneFile(string label) => Catalog.Text(nameof(FieldOneFile), label);
    public static RuntimeText FieldFileType(string label, string file, string accepted) => Catalog.Text(nameof(FieldFileType), label, file, accepted);
    public static RuntimeText FormFileNotFound(long instanceId, string sha256) => Catalog.Text(nameof(FormFileNotFound), instanceId, sha256);
    public static RuntimeText FormFileName() => Catalog.Text(nameof(FormFileName));
    public static RuntimeText FormFileNotUploaded(string file) => Catalog.Text(nameof(FormFileNotUploaded), file);
    public static RuntimeText FormFileMismatch(string file) => Catalog.Text(nameof(FormFileMismatch), file);
    public static RuntimeText FormFileOfOtherInstance(string file) => Catalog.Text(nameof(FormFileOfOtherInstance), file);
    public static RuntimeText StartVariablesInvalid(string processKey, int count) => Catalog.Text(nameof(StartVariablesInvalid), processKey, count);
    public static RuntimeText FormUploadsChanged() => Catalog.Text(nameof(FormUploadsChanged));

    // Supervision
    public static RuntimeText RangeNotForward() => Catalog.Text(nameof(RangeNotForward));
    public static RuntimeText RangeTooLong(int days) => Catalog.Text(nameof(RangeTooLong), days);
    // Tasks
    public static RuntimeText TaskNotFound(long taskId) => Catalog.Text(nameof(TaskNotFound), taskId);
    // Access
    public static RuntimeText OnlyAdministrators(string operation) => Catalog.Text(nameof(OnlyAdministrators), operation);
    public static RuntimeText OnlyDesigners(string operation) => Catalog.Text(nameof(OnlyDesigners), operation);
    public static RuntimeText NoSuchDraft(string processKey) => Catalog.Text(nameof(NoSuchDraft), processKey);
    public static RuntimeText DraftWithoutProcess() => Catalog.Text(nameof(DraftWithoutProcess));
    public static RuntimeText PreviewTaskNotOpen(long taskId) => Catalog.Text(nameof(PreviewTaskNotOpen), taskId);
    public static RuntimeText PreviewNotWaiting(string elementId) => Catalog.Text(nameof(PreviewNotWaiting), elementId);
    public static RuntimeText CopyKeyTaken(string processKey) => Catalog.Text(nameof(CopyKeyTaken), processKey);
    public static RuntimeText CopyKeyInvalid(string processKey) => Catalog.Text(nameof(CopyKeyInvalid), processKey);
    public static RuntimeText OnlyAdministratorsOnInstance(string operation, long instanceId) => Catalog.Text(nameof(OnlyAdministratorsOnInstance), operation, instanceId);
    public static RuntimeText InitiatorVariableRefused() => Catalog.Text(nameof(InitiatorVariableRefused));
    public static RuntimeText InitiatorVariableRefusedOnBehalf() => Catalog.Text(nameof(InitiatorVariableRefusedOnBehalf));
    public static RuntimeText OnlyStartOnBehalfTokens(string setting, string userId) => Catalog.Text(nameof(OnlyStartOnBehalfTokens), setting, userId);
    public static RuntimeText StartOnlyForOwnAgency(string ownAgency, string agency) => Catalog.Text(nameof(StartOnlyForOwnAgency), ownAgency, agency);
    public static RuntimeText ClassificationAboveClearance(string classification, string clearance) => Catalog.Text(nameof(ClassificationAboveClearance), classification, clearance);
    public static RuntimeText NobodyStarts(string process) => Catalog.Text(nameof(NobodyStarts), process);
    public static RuntimeText NotAStarter(string process, string starters) => Catalog.Text(nameof(NotAStarter), process, starters);
    public static RuntimeText TaskNotOffered(long taskId) => Catalog.Text(nameof(TaskNotOffered), taskId);
    public static RuntimeText OnlyInitiatorOrSupervisorUrges(string agencyId, long taskId) => Catalog.Text(nameof(OnlyInitiatorOrSupervisorUrges), agencyId, taskId);
    public static RuntimeText OnlyDelegationsOwnerReads(string userId) => Catalog.Text(nameof(OnlyDelegationsOwnerReads), userId);
    public static RuntimeText OnlyDelegationPartiesRead(string fromUserId, string toUserId, long id) => Catalog.Text(nameof(OnlyDelegationPartiesRead), fromUserId, toUserId, id);
    public static RuntimeText OnlySupervisorsReadReports() => Catalog.Text(nameof(OnlySupervisorsReadReports));
    public static RuntimeText AgencyNotFound(string agencyId) => Catalog.Text(nameof(AgencyNotFound), agencyId);
    public static RuntimeText DepartmentNotFound(string departmentId) => Catalog.Text(nameof(DepartmentNotFound), departmentId);
    public static RuntimeText NotClearedOne(RuntimeText item, string classification, string person) => Catalog.Text(nameof(NotClearedOne), item, classification, person);
    public static RuntimeText NotClearedMany(RuntimeText item, string classification, string people) => Catalog.Text(nameof(NotClearedMany), item, classification, people);
    public static RuntimeText TaskItem(long taskId) => Catalog.Text(nameof(TaskItem), taskId);

    // Tasks and instances
    public static RuntimeText IncidentNotFound(long incidentId) => Catalog.Text(nameof(IncidentNotFound), incidentId);
    public static RuntimeText TaskClaimedAlready(long taskId, string assignee) => Catalog.Text(nameof(TaskClaimedAlready), taskId, assignee);
    public static RuntimeText NotACandidate(string actor, long taskId) => Catalog.Text(nameof(NotACandidate), actor, taskId);
    public static RuntimeText NoCandidatesToUnclaim(long taskId) => Catalog.Text(nameof(NoCandidatesToUnclaim), taskId);
    public static RuntimeText TaskNotDelegated(long taskId) => Catalog.Text(nameof(TaskNotDelegated), taskId);
    public static RuntimeText CopyNeedsReaders() => Catalog.Text(nameof(CopyNeedsReaders));
    public static RuntimeText NoSuchCopy(string reader, long copyId) => Catalog.Text(nameof(NoSuchCopy), reader, copyId);
    public static RuntimeText TaskNoLongerOpen(long taskId, string state) => Catalog.Text(nameof(TaskNoLongerOpen), taskId, state);
    public static RuntimeText StepDoesNotAllow(string step, string operation) => Catalog.Text(nameof(StepDoesNotAllow), step, operation);
    public static RuntimeText UrgedRecently(long taskId, BilingualName step, DateTimeOffset urgedAt, DateTimeOffset againAt) =>
        Catalog.Text(nameof(UrgedRecently), taskId, step, InChina(urgedAt), InChina(againAt));
    public static RuntimeText TaskDelegatedNotReturned(long taskId, string assignee, string owner) => Catalog.Text(nameof(TaskDelegatedNotReturned), taskId, assignee, owner);
    public static RuntimeText TaskCompletedAlready(long taskId, string completedBy, DateTimeOffset completedAt) => Catalog.Text(nameof(TaskCompletedAlready), taskId, completedBy, completedAt);
    public static RuntimeText NoMessageWaiterOrStart(string name) => Catalog.Text(nameof(NoMessageWaiterOrStart), name);
    public static RuntimeText NoMessageWaiterWithKeyOrStart(string name, string correlationKey) => Catalog.Text(nameof(NoMessageWaiterWithKeyOrStart), name, correlationKey);
    public static RuntimeText NoPublishedProcess(string processKey) => Catalog.Text(nameof(NoPublishedProcess), processKey);
    public static RuntimeText NoSuchVersion(string processKey, int version) => Catalog.Text(nameof(NoSuchVersion), processKey, version);
    public static RuntimeText InitiatorNotAUser(string initiator) => Catalog.Text(nameof(InitiatorNotAUser), initiator);
    public static RuntimeText InstanceNotRunning(long instanceId, string status) => Catalog.Text(nameof(InstanceNotRunning), instanceId, status);
    public static RuntimeText InstanceSuspendedAlready(long instanceId) => Catalog.Text(nameof(InstanceSuspendedAlready), instanceId);
    public static RuntimeText InstanceRunningAlready(long instanceId) => Catalog.Text(nameof(InstanceRunningAlready), instanceId);
    public static RuntimeText InstanceChangedMeanwhile(long instanceId) => Catalog.Text(nameof(InstanceChangedMeanwhile), instanceId);
    public static RuntimeText IncidentResolvedAlready(long incidentId, DateTimeOffset resolvedAt) => Catalog.Text(nameof(IncidentResolvedAlready), incidentId, resolvedAt);
    public static RuntimeText ExportTooLarge(int total, int limit) => Catalog.Text(nameof(ExportTooLarge), total, limit);
    public static RuntimeText UnknownSort(string name, string names) => Catalog.Text(nameof(UnknownSort), name, names);
    public static RuntimeText UnknownAssignmentRule(string kind) => Catalog.Text(nameof(UnknownAssignmentRule), kind);
    public static RuntimeText NotificationNotFound(string notificationId) => Catalog.Text(nameof(NotificationNotFound), notificationId);
    public static RuntimeText OnlyAssignee(string assignee, long taskId, string action) => Catalog.Text(nameof(OnlyAssignee), assignee, taskId, action);
    public static RuntimeText OnlyAssigneeNoneYet(long taskId, string action) => Catalog.Text(nameof(OnlyAssigneeNoneYet), taskId, action);
    public static RuntimeText OnlyCompleterWithdraws(string elementId, string completedBy) => Catalog.Text(nameof(OnlyCompleterWithdraws), elementId, completedBy);
    public static RuntimeText OnlyInitiatorRevokes(long instanceId, string initiator) => Catalog.Text(nameof(OnlyInitiatorRevokes), instanceId, initiator);
    public static RuntimeText RevokeWithoutInitiator(long instanceId) => Catalog.Text(nameof(RevokeWithoutInitiator), instanceId);
    public static RuntimeText RevokeNotAllowed(long instanceId, BilingualName process) => Catalog.Text(nameof(RevokeNotAllowed), instanceId, process);
    public static RuntimeText RevokeAfterOthersActed(long instanceId, string actor, DateTimeOffset actedAt) =>
        Catalog.Text(nameof(RevokeAfterOthersActed), instanceId, actor, InChina(actedAt));
    public static RuntimeText StepNotCompletedYet(string elementId) => Catalog.Text(nameof(StepNotCompletedYet), elementId);
    public static RuntimeText OnlyAssigneeOfTask(string assignee, long taskId) => Catalog.Text(nameof(OnlyAssigneeOfTask), assignee, taskId);
    public static RuntimeText TaskNotClaimed(long taskId) => Catalog.Text(nameof(TaskNotClaimed), taskId);
    // Organisation
    public static RuntimeText InContext(RuntimeText context, RuntimeText message) => Catalog.Text(nameof(InContext), context, message);
    public static RuntimeText UserContext(string userId) => Catalog.Text(nameof(UserContext), userId);
    public static RuntimeText GroupContext(string groupId) => Catalog.Text(nameof(GroupContext), groupId);
    public static RuntimeText DepartmentContext(string departmentId) => Catalog.Text(nameof(DepartmentContext), departmentId);
    public static RuntimeText DepartmentHeadContext(string departmentId) => Catalog.Text(nameof(DepartmentHeadContext), departmentId);
    public static RuntimeText DelegationContext(string fromUserId, string toUserId) => Catalog.Text(nameof(DelegationContext), fromUserId, toUserId);
    public static RuntimeText UserNotFound(string userId) => Catalog.Text(nameof(UserNotFound), userId);
    public static RuntimeText GroupNotFound(string groupId) => Catalog.Text(nameof(GroupNotFound), groupId);
    public static RuntimeText DelegationNotFound(long id) => Catalog.Text(nameof(DelegationNotFound), id);
    public static RuntimeText NounUserName() => Catalog.Text(nameof(NounUserName));
    public static RuntimeText NounEmail() => Catalog.Text(nameof(NounEmail));
    public static RuntimeText NounPositionName() => Catalog.Text(nameof(NounPositionName));
    public static RuntimeText NounGroup() => Catalog.Text(nameof(NounGroup));
    public static RuntimeText NounGroupName() => Catalog.Text(nameof(NounGroupName));
    public static RuntimeText NounReason() => Catalog.Text(nameof(NounReason));
    public static RuntimeText NounAgency() => Catalog.Text(nameof(NounAgency));
    public static RuntimeText NounAgencyName() => Catalog.Text(nameof(NounAgencyName));
    public static RuntimeText NounShortName() => Catalog.Text(nameof(NounShortName));
    public static RuntimeText NounDepartment() => Catalog.Text(nameof(NounDepartment));
    public static RuntimeText NounDepartmentName() => Catalog.Text(nameof(NounDepartmentName));
    public static RuntimeText InvalidCode(string id, RuntimeText what, int maxLength) => Catalog.Text(nameof(InvalidCode), id, what, maxLength);
    public static RuntimeText InvalidUserId(string id, int maxLength) => Catalog.Text(nameof(InvalidUserId), id, maxLength);
    public static RuntimeText NameEmpty(RuntimeText what) => Catalog.Text(nameof(NameEmpty), what);
    public static RuntimeText TextTooLong(RuntimeText what, string text, int maxLength) => Catalog.Text(nameof(TextTooLong), what, text, maxLength);
    public static RuntimeText UserDeactivatedAlready(string userId) => Catalog.Text(nameof(UserDeactivatedAlready), userId);
    public static RuntimeText UserDeactivatedCannotReceive(string userId, long taskId) => Catalog.Text(nameof(UserDeactivatedCannotReceive), userId, taskId);
    public static RuntimeText EmailInvalid(string email) => Catalog.Text(nameof(EmailInvalid), email);
    public static RuntimeText DepartmentInOtherAgency(string departmentId, string departmentAgency, string agencyId) => Catalog.Text(nameof(DepartmentInOtherAgency), departmentId, departmentAgency, agencyId);
    public static RuntimeText UserNameTaken(string userId, string existingId) => Catalog.Text(nameof(UserNameTaken), userId, existingId);
    public static RuntimeText UserExistsDiffers(string userId, string existingName, string existingDepartment, string existingAgency, string existingClearance, string name, string department, string agency, string clearance) => Catalog.Text(nameof(UserExistsDiffers), userId, existingName, existingDepartment, existingAgency, existingClearance, name, department, agency, clearance);
    public static RuntimeText UserExists(string userId) => Catalog.Text(nameof(UserExists), userId);
    public static RuntimeText UserDeactivatedNoPosition(string userId, string position) => Catalog.Text(nameof(UserDeactivatedNoPosition), userId, position);
    public static RuntimeText UserHasNoUnit(string userId, string position) => Catalog.Text(nameof(UserHasNoUnit), userId, position);
    public static RuntimeText PositionHeldAlready(string userId, string position, string unit) => Catalog.Text(nameof(PositionHeldAlready), userId, position, unit);
    public static RuntimeText PositionNotHeld(string userId, string position, string unit) => Catalog.Text(nameof(PositionNotHeld), userId, position, unit);
    public static RuntimeText NotAUnit(string unitId) => Catalog.Text(nameof(NotAUnit), unitId);
    public static RuntimeText GroupExistsDiffers(string groupId, string existingName, string existingAgency, string name, string agency) => Catalog.Text(nameof(GroupExistsDiffers), groupId, existingName, existingAgency, name, agency);
    public static RuntimeText GroupExists(string groupId) => Catalog.Text(nameof(GroupExists), groupId);
    public static RuntimeText MemberAlready(string userId, string groupId) => Catalog.Text(nameof(MemberAlready), userId, groupId);
    public static RuntimeText NotAMember(string userId, string groupId) => Catalog.Text(nameof(NotAMember), userId, groupId);
    public static RuntimeText RoleHeldAlready(string userId, string role) => Catalog.Text(nameof(RoleHeldAlready), userId, role);
    public static RuntimeText RoleNotHeld(string userId, string role) => Catalog.Text(nameof(RoleNotHeld), userId, role);
    public static RuntimeText NotARole(string role, string roles) => Catalog.Text(nameof(NotARole), role, roles);
    public static RuntimeText DelegateToSelf() => Catalog.Text(nameof(DelegateToSelf));
    public static RuntimeText DelegateDeactivated(string userId) => Catalog.Text(nameof(DelegateDeactivated), userId);
    public static RuntimeText DelegationEndsBeforeStart(DateOnly endsOn, DateOnly startsOn) => Catalog.Text(nameof(DelegationEndsBeforeStart), endsOn, startsOn);
    public static RuntimeText DelegationProceduresTooLong() => Catalog.Text(nameof(DelegationProceduresTooLong));
    public static RuntimeText DelegationOverlaps(long otherId, string toUserId, DateOnly startsOn, DateOnly endsOn, string processKeys) => Catalog.Text(nameof(DelegationOverlaps), otherId, toUserId, startsOn, endsOn, processKeys);
    public static RuntimeText DelegationOverlapsAll(long otherId, string toUserId, DateOnly startsOn, DateOnly endsOn) => Catalog.Text(nameof(DelegationOverlapsAll), otherId, toUserId, startsOn, endsOn);
    public static RuntimeText OrganisationChangedByOthers(int attempts) => Catalog.Text(nameof(OrganisationChangedByOthers), attempts);
    public static RuntimeText ImportRaced() => Catalog.Text(nameof(ImportRaced));
    public static RuntimeText AgencyExistsDiffers(string agencyId, string existingName, string existingShortName, string existingKind, string existingParent, string name, string shortName, string kind, string parent) => Catalog.Text(nameof(AgencyExistsDiffers), agencyId, existingName, existingShortName, existingKind, existingParent, name, shortName, kind, parent);
    public static RuntimeText AgencyExists(string agencyId) => Catalog.Text(nameof(AgencyExists), agencyId);
    public static RuntimeText ParentAgencyNotFound(string agencyId, string parentId) => Catalog.Text(nameof(ParentAgencyNotFound), agencyId, parentId);
    public static RuntimeText AgencyOwnParent(string agencyId) => Catalog.Text(nameof(AgencyOwnParent), agencyId);
    public static RuntimeText AgencyMoveCycle(string agencyId, string newParentId, string path) => Catalog.Text(nameof(AgencyMoveCycle), agencyId, newParentId, path);
    public static RuntimeText AgencyGuidesItself(string agencyId) => Catalog.Text(nameof(AgencyGuidesItself), agencyId);
    public static RuntimeText GuidanceExists(string superiorId, string subordinateId) => Catalog.Text(nameof(GuidanceExists), superiorId, subordinateId);
    public static RuntimeText GuidanceOpposite(string subordinateId, string superiorId) => Catalog.Text(nameof(GuidanceOpposite), subordinateId, superiorId);
    public static RuntimeText GuidanceWithinSubordination(string superiorId, string subordinateId) => Catalog.Text(nameof(GuidanceWithinSubordination), superiorId, subordinateId);
    public static RuntimeText GuidanceNotFound(string superiorId, string subordinateId) => Catalog.Text(nameof(GuidanceNotFound), superiorId, subordinateId);
    public static RuntimeText DepartmentExistsDiffers(string departmentId, string existingName, string existingAgency, string existingParent, string name, string agency, string parent) => Catalog.Text(nameof(DepartmentExistsDiffers), departmentId, existingName, existingAgency, existingParent, name, agency, parent);
    public static RuntimeText DepartmentExists(string departmentId) => Catalog.Text(nameof(DepartmentExists), departmentId);
    public static RuntimeText ParentDepartmentNotFound(string departmentId, string parentId) => Catalog.Text(nameof(ParentDepartmentNotFound), departmentId, parentId);
    public static RuntimeText ParentDepartmentOtherAgency(string departmentId, string parentId, string parentAgency, string agencyId) => Catalog.Text(nameof(ParentDepartmentOtherAgency), departmentId, parentId, parentAgency, agencyId);
    public static RuntimeText DepartmentMoveOtherAgency(string departmentId, string agencyId, string newParentId) => Catalog.Text(nameof(DepartmentMoveOtherAgency), departmentId, agencyId, newParentId);
    public static RuntimeText DepartmentMoveCycle(string departmentId, string newParentId) => Catalog.Text(nameof(DepartmentMoveCycle), departmentId, newParentId);
    public static RuntimeText DepartmentHasHead(string departmentId, string headUserId, string userId) => Catalog.Text(nameof(DepartmentHasHead), departmentId, headUserId, userId);
    public static RuntimeText IdIsAgency(string id) => Catalog.Text(nameof(IdIsAgency), id);
    public static RuntimeText IdIsDepartment(string id) => Catalog.Text(nameof(IdIsDepartment), id);
    public static RuntimeText HeadDeactivated(string userId) => Catalog.Text(nameof(HeadDeactivated), userId);
    public static RuntimeText HeadOtherAgency(string userId, string userAgency, string agencyId) => Catalog.Text(nameof(HeadOtherAgency), userId, userAgency, agencyId);
    public static RuntimeText AgencyTreeTooDeep(string path, int maxLength) => Catalog.Text(nameof(AgencyTreeTooDeep), path, maxLength);
    // Calendar and deployment
    public static RuntimeText CalendarYearRefused(string problem) => Catalog.Text(nameof(CalendarYearRefused), problem);
    public static RuntimeText ReasonTooLong(int maxLength) => Catalog.Text(nameof(ReasonTooLong), maxLength);
    public static RuntimeText NoCalendarOverride(string agencyId, DateOnly date) => Catalog.Text(nameof(NoCalendarOverride), agencyId, date);
    public static RuntimeText DefinitionRefused(string source, int count, RuntimeText first) => Catalog.Text(nameof(DefinitionRefused), source, count, first);
    public static RuntimeText DefinitionError(string code, int line, int column, RuntimeText message) => Catalog.Text(nameof(DefinitionError), code, line, column, message);
    public static RuntimeText DefinitionErrorAt(string code, int line, int column, string elementKind, string elementId, RuntimeText message) => Catalog.Text(nameof(DefinitionErrorAt), code, line, column, elementKind, elementId, message);
    public static RuntimeText FormKeyLength(string formKey, int maxLength) => Catalog.Text(nameof(FormKeyLength), formKey, maxLength);
    public static RuntimeText FormNotUsed(string formKey) => Catalog.Text(nameof(FormNotUsed), formKey);
    public static RuntimeText FormUnusable(string formKey, string problem) => Catalog.Text(nameof(FormUnusable), formKey, problem);
    public static RuntimeText EventInitiatorRefused(string setting) => Catalog.Text(nameof(EventInitiatorRefused), setting);
    // End of messages.
}
