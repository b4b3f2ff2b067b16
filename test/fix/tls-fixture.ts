// A self-signed certificate for 127.0.0.1 / localhost and its key, made for these tests only
// (openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -days 36500). Not a secret.
export const TEST_CERT = `-----BEGIN CERTIFICATE-----
MIIBmzCCAUGgAwIBAgIUGPjne+p+yursJqjA0w9nMrVh4lYwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyMjA0MDEzOVoYDzIxMjYxMDI5
MDQwMTM5WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAASgs/9TXgLc9lMOAK05zukIDv/2L3ClT+k6RGtGFe0jr1E4bSxmnzqw
eeknKvE5T5hlfzfTmO31Tk5QLv9uHOhCo28wbTAdBgNVHQ4EFgQUyeK5PCfuaSJr
IxviE29fGI7KRKQwHwYDVR0jBBgwFoAUyeK5PCfuaSJrIxviE29fGI7KRKQwDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARhwR/AAABgglsb2NhbGhvc3QwCgYIKoZI
zj0EAwIDSAAwRQIhAL7KEHT+inROFImTtr6IIGzYtJMzt0B+0/kqpwWBqduoAiBR
3eDgSPcw9hUOgJZC2FPB6XTjzG4tboDIppnkuuTAfw==
-----END CERTIFICATE-----
`;

export const TEST_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQghN+yJdQxhFrSbbzn
zH9Ukc1N1VFvND5rmcOzBOFfSPuhRANCAASgs/9TXgLc9lMOAK05zukIDv/2L3Cl
T+k6RGtGFe0jr1E4bSxmnzqweeknKvE5T5hlfzfTmO31Tk5QLv9uHOhC
-----END PRIVATE KEY-----
`;
