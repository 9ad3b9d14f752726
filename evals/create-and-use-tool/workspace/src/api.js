// TODO: retry on 503
export async function get(url) {
  const response = await fetch(url); // TODO: timeout
  return response.json();
}
