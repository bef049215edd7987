using System.Diagnostics.CodeAnalysis;
using SimpleActors.Sip.Message;

namespace SimpleActors.Sip.Transactions;

/// <summary>
/// What matches a response to a client transaction (RFC 3261 section 17.1.3): the branch of the top Via
/// (lower case, parameter values being case-insensitive, section 7.3.1) and the CSeq method, so that the
/// response to a CANCEL does not match the INVITE it cancels.
/// </summary>
public sealed record ClientTransactionKey(string Branch, string Method)
{
    /// <summary>The key of a request this server sends; its top Via must carry a branch.</summary>
    /// <exception cref="ArgumentException">No top Via, no branch, or no CSeq.</exception>
    public static ClientTransactionKey For(SipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var branch = request.TopVia?.Branch ?? throw new ArgumentException("The request has no top Via with a branch", nameof(request));
        var method = request.CSeq?.Method ?? throw new ArgumentException("The request has no CSeq", nameof(request));
        return new ClientTransactionKey(branch.ToLowerInvariant(), method);
    }

    /// <summary>The key a response matches; false when it lacks a branch or a CSeq (a stray to drop).</summary>
    public static bool TryFor(SipResponse response, [NotNullWhen(true)] out ClientTransactionKey? key)
    {
        ArgumentNullException.ThrowIfNull(response);
        key = null;
        try
        {
            if (response.TopVia?.Branch is not { } branch || response.CSeq is not { } cseq)
            {
                return false;
            }

            key = new ClientTransactionKey(branch.ToLowerInvariant(), cseq.Method);
            return true;
        }
        catch (Parsing.SipParseException)
        {
            return false;
        }
    }

    public override string ToString() => $"{Method} {Branch}";
}
