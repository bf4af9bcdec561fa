using G2G.Engine.Expressions;
using G2G.Engine.Model;
using G2G.Engine.Time;

namespace G2G.Engine.Execution;

/// <summary>
/// The mutable working copy of one instance while a single command executes. Tokens are moved
/// through an agenda (no recursion per step), and everything observable is recorded as effects.
/// Split by concern: flow (moving tokens), scopes, events, multi-instance, cancellation, variables.
/// </summary>
internal sealed partial class Run
{
    private readonly ProcessDefinition _definition;
    private readonly ExecutionOptions _options;
    private readonly IWorkingCalendar _calendar;
    private readonly IServiceActions _services;
    private readonly Dictionary<long, Token> _tokens = [];
    private readonly Dictionary<long, ScopeState> _scopes = [];
    private readonly List<Subscription> _subscriptions;
    private readonly List<Incident> _incidents;
    private readonly List<CompletionRecord> _completions;
    private readonly List<Effect> _effects = [];
    private readonly Queue<long> _agenda = new();
    private readonly EvaluationContext _evaluation;
    private List<TokenPosition>? _produced;
    private long _nextId;
    private int _steps;

    public Run(ProcessDefinition definition, ProcessState state, DateTimeOffset now, ExecutionOptions options, IWorkingCalendar calendar,
        IServiceActions services)
    {
        _definition = definition;
        _options = options;
        _calendar = calendar;
        _services = services;
        Now = now;
        Status = state.Status;
        _nextId = state.NextId;
        foreach (var token in state.Tokens)
            _tokens.Add(token.Id, token);
        foreach (var scope in state.Scopes)
            _scopes.Add(scope.Id, scope);
        _subscriptions = [.. state.Subscriptions];
        _incidents = [.. state.Incidents];
        _completions = [.. state.Completions];
        _evaluation = new EvaluationContext { Now = now, Calendar = calendar };
    }

    public DateTimeOffset Now { get; }
    public ProcessStatus Status { get; private set; }
    public ProcessDefinition Definition => _definition;
    public IReadOnlyList<Effect> Effects => _effects;

    public ProcessState ToState() => new()
    {
        Status = Status,
        NextId = _nextId,
        Tokens = [.. _tokens.Values.OrderBy(t => t.Id)],
        Scopes = [.. _scopes.Values.OrderBy(s => s.Id)],
        Subscriptions = [.. _subscriptions],
        Incidents = [.. _incidents],
        Completions = [.. _completions],
    };

    public long NewId() => _nextId++;

    public void Emit(Effect effect) => _effects.Add(effect);

    public Token? FindToken(long id) => _tokens.GetValueOrDefault(id);

    public IEnumerable<Token> Tokens => _tokens.Values;

    public void Update(Token token) => _tokens[token.Id] = token;

    /// <summary>Creates a token at an element and puts it on the agenda.</summary>
    public Token Spawn(string elementId, long scopeId, string? arrivedVia = null)
    {
        var token = new Token { Id = NewId(), ElementId = elementId, ScopeId = scopeId, ArrivedVia = arrivedVia };
        _tokens.Add(token.Id, token);
        _agenda.Enqueue(token.Id);
        return token;
    }

    public void Schedule(Token token)
    {
        _tokens[token.Id] = token;
        _agenda.Enqueue(token.Id);
    }

    /// <summary>
    /// Runs the agenda until every token waits, checking conditional events whenever variables changed.
    /// Failures become BPMN errors or incidents, never exceptions.
    /// </summary>
    public void Drain()
    {
        do
            RunAgenda();
        while (TriggerConditions());
    }

    private void RunAgenda()
    {
        while (_agenda.TryDequeue(out var id))
        {
            if (!_tokens.TryGetValue(id, out var token))
                continue; // cancelled while queued, e.g. by an interrupting event
            var node = _definition.GetNode(token.ElementId);
            if (++_steps > _options.MaxStepsPerCommand)
            {
                RaiseIncident(token, $"Stopped after {_options.MaxStepsPerCommand} steps without reaching a wait state; the flow loops endlessly.");
                continue;
            }
            Emit(new ElementEvent(node.Id, node.Kind, ElementPhase.Started, token.Id));
            Guarded(token, () => node.Enter(this, token));
        }
    }

    /// <summary>
    /// Runs one step for a token — an element entered from the agenda, or what a command does
    /// directly (leaving a completed task, mapping a child's outputs) — turning a thrown business
    /// error into a BPMN error and a technical failure into an incident, never an exception of Execute.
    /// </summary>
    public void Guarded(Token token, Action step)
    {
        try
        {
            step();
        }
        catch (BpmnErrorException error)
        {
            ThrowError(CurrentOrSelf(token), error.ErrorCode, error.Message, technical: false);
        }
        catch (Exception failure) when (failure is not CommandRejectedException &&
            failure is ExpressionEvaluationException or CalendarYearMissingException or FormatException or InvalidOperationException)
        {
            ThrowError(CurrentOrSelf(token), null, $"{_definition.GetNode(token.ElementId)} failed: {failure.Message}", technical: true);
        }
    }

    private Token CurrentOrSelf(Token token) => _tokens.GetValueOrDefault(token.Id) ?? token;

    /// <summary>Marks a token as resting. Tokens that rest because of a user task completion are remembered for 撤回.</summary>
    public void Wait(Token token)
    {
        _tokens[token.Id] = token with { State = TokenState.Waiting };
        _produced?.Add(new TokenPosition(token.Id, token.ElementId));
    }

    /// <summary>Marks a token as resting while a nested scope or child instance runs (not a hand-over point for 撤回).</summary>
    public void Park(Token token) => _tokens[token.Id] = token with { State = TokenState.Waiting };

    /// <summary>Starts remembering the tokens that come to rest (the "produced" set of a completion).</summary>
    public void TrackProduced() => _produced = [];

    public IReadOnlyList<TokenPosition> Produced => _produced ?? [];

    public void RecordCompletion(CompletionRecord record)
    {
        _completions.RemoveAll(c => c.ElementId == record.ElementId);
        _completions.Add(record);
    }

    public CompletionRecord? FindCompletion(string elementId) => _completions.Find(c => c.ElementId == elementId);

    public void ForgetCompletion(CompletionRecord record) => _completions.Remove(record);

    public void RaiseIncident(Token token, string message)
    {
        _tokens[token.Id] = token with { State = TokenState.Failed };
        var incident = new Incident(NewId(), token.Id, token.ElementId, message, Now);
        _incidents.Add(incident);
        Emit(new IncidentRaised(incident));
    }

    public Incident? FindIncident(long id) => _incidents.Find(i => i.Id == id);

    public void ResolveIncident(Incident incident)
    {
        _incidents.Remove(incident);
        Emit(new IncidentResolved(incident.Id));
    }
}
