using Akka.Actor;
using Microsoft.Extensions.Logging;
using SimpleActors.Edge.Mailbox;
using SimpleActors.Edge.Routing;
using SimpleActors.Edge.Transactions;
using SimpleActors.Engine.Registration;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Registrar;

/// <summary>
/// REGISTER for an address-of-record of ours (RFC 3261 section 10.3): authenticate (step 4), authorize the identity for
/// the AOR (step 5), then the Registration entity decides; a user that comes online gets its stored messages.
/// </summary>
public sealed partial class RegistrarHandler(
    TransactionLayer transactions, EdgeAuthentication authentication, IActorRef registrations, StoredMessageDelivery delivery, EntityAsk asks,
    TimeProvider time, ILogger logger)
{
    public async Task HandleAsync(SipRequest request, SipFlow flow, RouteDecision.Registrar registrar)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(registrar);
        var aor = registrar.Aor;
        var now = time.GetUtcNow();
        var check = authentication.Check(request, SipUri.Parse(aor).Host, aor, proxy: false, now);
        if (check.Response is not null)
        {
            await transactions.RespondAsync(request, check.Response).ConfigureAwait(false);
            return;
        }

        var command = RegisterExchange.ToCommand(request, aor, flow, check.Identity, now);
        var result = await asks.AskAsync<RegisterResult>(registrations, command, command with { Repeat = true }).ConfigureAwait(false);
        await transactions.RespondAsync(request, RegisterExchange.ToResponse(request, result, TransactionUser.NewTag())).ConfigureAwait(false);
        LogRegistered(aor, result.StatusCode, result.Bindings.Count);

        // A plain refresh does not wake the mailbox entity, which would cost a recovery per REGISTER.
        if (result.IsSuccess && result.Bindings.Count > 0 && delivery.Worth(aor, result.Added))
        {
            delivery.Start(aor, result.Bindings);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "REGISTER {Aor} -> {Status} ({Bindings} bindings)")]
    private partial void LogRegistered(string aor, int status, int bindings);
}
