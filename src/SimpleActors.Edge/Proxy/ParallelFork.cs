using SimpleActors.Edge.Transactions;
using SimpleActors.Engine.Registration;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transactions;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Proxy;

/// <summary>
/// Forwards a non-INVITE request to every binding of a user at once (parallel forking, RFC 3261 section 16.6): each
/// branch a client transaction with our Via, over TCP when the request is too big for UDP (section 18.1.1). The first
/// 2xx is relayed, else the best final response (section 16.7).
/// </summary>
public sealed class ParallelFork(TransactionLayer transactions, Func<SipTransport, ViaHeader> ourVia)
{
    /// <summary>
    /// The response to relay; null when no branch reached a client (all timed out or failed in transport), so the caller
    /// can store the request instead.
    /// </summary>
    public async Task<SipResponse?> SendAsync(SipRequest request, IReadOnlyList<Binding> bindings)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(bindings);
        var branches = new List<Task<SipResponse>>();
        foreach (var binding in bindings)
        {
            if (ForwardedRequest.DestinationFor(binding) is not { } destination)
            {
                continue;
            }

            var via = ourVia(destination.Transport).WithBranch(BranchId.New());
            var forwarded = ForwardedRequest.Create(request, binding.Uri, binding.Path, via);
            var sized = ForwardedRequest.ForSize(destination, SipMessageWriter.GetByteCount(forwarded));
            if (sized.Transport != destination.Transport)
            {
                forwarded = ForwardedRequest.Create(request, binding.Uri, binding.Path, ourVia(sized.Transport).WithBranch(BranchId.New()));
            }

            branches.Add(transactions.SendRequestAsync(forwarded, sized));
        }

        var finals = new List<SipResponse>();
        while (branches.Count > 0)
        {
            var done = await Task.WhenAny(branches).ConfigureAwait(false);
            branches.Remove(done);
            var response = await done.ConfigureAwait(false);
            if (response.IsSuccess)
            {
                // First 2xx wins; the other non-INVITE branches run out on their own (no CANCEL, section 9.1).
                return ResponseSelection.WithoutTopVia(response);
            }

            finals.Add(response);
        }

        // Local 408/503 mean no client answered on that branch; only answers from clients are relayed.
        var answered = finals.Where(r => !r.IsLocal).ToList();
        return answered.Count == 0 ? null : ResponseSelection.WithoutTopVia(ResponseSelection.Best(answered));
    }
}
