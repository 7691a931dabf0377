mod registry;

fn main() {
    println!("irbook");
}
