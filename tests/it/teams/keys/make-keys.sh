#!/usr/bin/env bash
# Makes the fake Bot Framework's RSA test keys: for each name given (default: a b c), an RSA
# 2048 private key in PKCS#1 PEM (key-NAME.pem) and its public half as a JWK (key-NAME.json:
# kid, x5t, n, e, x5c, and the public key in PEM for the HS256 key-confusion forgery).
# Needs only openssl, xxd, base64 and tr. Running it again makes new keys: commit them all.
set -euo pipefail
cd "$(dirname "$0")"
b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
for name in "${@:-a b c}"; do
  for n in $name; do
    openssl genrsa -out "tmp-$n.pem" 2048 2>/dev/null
    openssl rsa -in "tmp-$n.pem" -traditional -out "key-$n.pem" 2>/dev/null
    rm "tmp-$n.pem"
    # A self-signed certificate, as the real key set carries one per key (x5c) and names the
    # key by its SHA-1 thumbprint (x5t, also used as kid).
    openssl req -x509 -new -key "key-$n.pem" -days 36500 -subj "/CN=fake-botframework-$n" \
      -outform DER -out "cert-$n.der" 2>/dev/null
    x5t=$(openssl dgst -sha1 -binary "cert-$n.der" | b64url)
    x5c=$(base64 -w0 "cert-$n.der")
    rm "cert-$n.der"
    modulus=$(openssl rsa -in "key-$n.pem" -noout -modulus 2>/dev/null | cut -d= -f2)
    n_b64=$(printf '%s' "$modulus" | xxd -r -p | b64url)
    public_pem=$(openssl rsa -in "key-$n.pem" -pubout 2>/dev/null | awk '{printf "%s\\n", $0}')
    cat > "key-$n.json" <<JSON
{
  "kid": "$x5t",
  "x5t": "$x5t",
  "n": "$n_b64",
  "e": "AQAB",
  "x5c": ["$x5c"],
  "public_pem": "$public_pem"
}
JSON
  done
done
