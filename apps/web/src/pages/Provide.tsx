// Provide page: not built yet.
export default function Provide(_props: { id?: number }) {
  return <h1>Provide</h1>;
}
